using Honeydipper.Core.Engine.Runs;

namespace Honeydipper.Core.Engine.State;

/// <summary>
/// What changed since the last time they were taken: the sessions to save (their captured state), the sessions that
/// ended, the runs that moved, and the next session id. A host saves these with the turn's acknowledgements in one
/// transaction, so that a crash leaves either the whole turn or none of it.
/// </summary>
public sealed record EngineChanges(
    IReadOnlyDictionary<string, Dictionary<string, object?>> Sessions,
    IReadOnlyCollection<string> EndedSessions,
    IReadOnlyDictionary<string, RunRecord> Runs,
    IReadOnlyCollection<string> EndedRuns,
    long NextSessionId)
{
    public bool IsEmpty => Sessions.Count == 0 && EndedSessions.Count == 0 && Runs.Count == 0 && EndedRuns.Count == 0;
}
