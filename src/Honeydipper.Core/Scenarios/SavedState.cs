using Honeydipper.Core.Engine;
using Honeydipper.Core.Engine.Runs;
using Honeydipper.Core.Engine.State;

namespace Honeydipper.Core.Scenarios;

/// <summary>
/// What a durable store would hold for an engine: the saved sessions and runs, applied from each turn's changes and
/// kept as JSON text, so that restoring goes through exactly what a restart reads back.
/// </summary>
internal sealed class SavedState
{
    private readonly Dictionary<string, string> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _runs = new(StringComparer.Ordinal);
    private long _nextSessionId;

    /// <summary>Saves what the engine changed, then replaces it by a new engine restored from the saved state.</summary>
    public WorkflowEngine Restart(WorkflowEngine engine, Func<WorkflowEngine> create)
    {
        EngineChanges changes = engine.TakeChanges();
        foreach ((string id, string state) in changes.Sessions)
        {
            _sessions[id] = state;
        }

        foreach (string id in changes.EndedSessions)
        {
            _sessions.Remove(id);
        }

        foreach ((string id, string run) in changes.Runs)
        {
            _runs[id] = run;
        }

        foreach (string id in changes.EndedRuns)
        {
            _runs.Remove(id);
        }

        _nextSessionId = changes.NextSessionId;
        WorkflowEngine fresh = create();
        fresh.Restore(
            [.. _sessions.Values.Select(json => (IDictionary<string, object?>)StateJson.Deserialize(json)!)],
            [.. _runs.Values.Select(json => RunState.Restore((IDictionary<string, object?>)StateJson.Deserialize(json)!))],
            _nextSessionId);
        return fresh;
    }
}
