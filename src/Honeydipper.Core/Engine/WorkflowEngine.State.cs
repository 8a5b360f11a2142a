using Honeydipper.Core.Engine.Runs;
using Honeydipper.Core.Engine.Sessions;
using Honeydipper.Core.Engine.State;

namespace Honeydipper.Core.Engine;

public sealed partial class WorkflowEngine
{
    private readonly HashSet<string> _changedSessions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _endedSessions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changedRuns = new(StringComparer.Ordinal);
    private readonly HashSet<string> _endedRuns = new(StringComparer.Ordinal);

    /// <summary>The next number the default session id generator gives (saved so that ids are not reused after a restart).</summary>
    public long NextSessionId => _nextSessionId;

    /// <summary>Takes what changed since the last call (see <see cref="EngineChanges"/>); call it after a turn.</summary>
    public EngineChanges TakeChanges()
    {
        Dictionary<string, string> sessions = new(_changedSessions.Count, StringComparer.Ordinal);
        foreach (string id in _changedSessions)
        {
            if (_sessions.TryGetValue(id, out Session? session))
            {
                Dictionary<string, object?> state = session.Capture();
                if (_timerBySession.TryGetValue(id, out WaitTimer? timer))
                {
                    state["waitToken"] = timer.Token;
                    state["waitDue"] = timer.Due.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                }
                else if (session.WaitToken is { } token && _suspended.TryGetValue(token, out string? waiting) && waiting == id)
                {
                    state["waitToken"] = token;
                }

                sessions[id] = StateJson.Serialize(state);
            }
        }

        Dictionary<string, string> runs = new(_changedRuns.Count, StringComparer.Ordinal);
        foreach (string id in _changedRuns)
        {
            if (_runs.TryGetValue(id, out RunRecord? run))
            {
                runs[id] = StateJson.Serialize(RunState.Capture(run));
            }
        }

        EngineChanges changes = new(sessions, [.. _endedSessions], runs, [.. _endedRuns], _nextSessionId);
        DiscardChanges();
        return changes;
    }

    /// <summary>Forgets what changed without taking it: for a host that saves nothing (an in-process bus), after each turn.</summary>
    public void DiscardChanges()
    {
        _changedSessions.Clear();
        _endedSessions.Clear();
        _changedRuns.Clear();
        _endedRuns.Clear();
    }

    /// <summary>
    /// Brings back saved sessions and runs (after a restart or a failover): waits are registered again with their
    /// deadlines, and sessions waiting for a driver keep waiting for its return. Call before any input.
    /// </summary>
    public void Restore(IEnumerable<IDictionary<string, object?>> sessions, IEnumerable<RunRecord> runs, long nextSessionId)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(runs);
        _nextSessionId = Math.Max(_nextSessionId, nextSessionId);
        foreach (RunRecord run in runs)
        {
            _runs[run.Id] = run;
        }

        foreach (IDictionary<string, object?> state in sessions)
        {
            Session session = Session.Restore(this, state);
            _sessions[session.Id] = session;
            if (state.TryGetValue("waitToken", out object? t) && t is string token)
            {
                _suspended[token] = session.Id;
                session.WaitToken = token;
                if (state.TryGetValue("waitDue", out object? d) && d is string due)
                {
                    WaitTimer timer = new(session.Id, token, DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture));
                    _timerBySession[session.Id] = timer;
                    _timers.Enqueue(timer, timer.Due);
                }
            }
        }
    }

    private void MarkChanged(Session session)
    {
        if (session.Id.Length > 0)
        {
            _changedSessions.Add(session.Id);
        }
    }

    private void MarkEnded(string sessionId)
    {
        _changedSessions.Remove(sessionId);
        _endedSessions.Add(sessionId);
    }

    /// <summary>A run moved: remember it for saving and tell the output.</summary>
    private void RunChanged(RunRecord run)
    {
        MarkRun(run);
        Output.RunChanged(run);
    }

    private void MarkRun(RunRecord run)
    {
        if (run.FinishedAt is null)
        {
            _changedRuns.Add(run.Id);
        }
        else
        {
            _changedRuns.Remove(run.Id);
            _endedRuns.Add(run.Id);
        }
    }
}
