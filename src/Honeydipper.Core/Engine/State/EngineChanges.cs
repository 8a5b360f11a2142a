namespace Honeydipper.Core.Engine.State;

/// <summary>
/// What changed since the last time they were taken, ready to store: the sessions to save (their state as
/// <see cref="StateJson"/> text), the sessions that ended, the runs that moved (<see cref="RunState"/> as JSON), the runs
/// that ended, and the next session id. A host saves these with the turn's acknowledgements in one transaction, so that
/// a crash leaves either the whole turn or none of it. The text is written straight from the engine's live state on
/// its own thread, so nothing is copied first and later turns cannot change what was taken.
/// </summary>
public sealed record EngineChanges(
    IReadOnlyDictionary<string, string> Sessions,
    IReadOnlyCollection<string> EndedSessions,
    IReadOnlyDictionary<string, string> Runs,
    IReadOnlyCollection<string> EndedRuns,
    long NextSessionId)
{
    public bool IsEmpty => Sessions.Count == 0 && EndedSessions.Count == 0 && Runs.Count == 0 && EndedRuns.Count == 0;
}
