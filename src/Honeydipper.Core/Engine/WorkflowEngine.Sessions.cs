using Honeydipper.Core.Engine.Runs;
using Honeydipper.Core.Engine.Sessions;

namespace Honeydipper.Core.Engine;

public sealed partial class WorkflowEngine
{
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _suspended = new(StringComparer.Ordinal);
    private readonly PriorityQueue<WaitTimer, DateTimeOffset> _timers = new();
    private readonly Dictionary<string, WaitTimer> _timerBySession = new(StringComparer.Ordinal);

    /// <summary>When the earliest <c>wait</c> times out, or null when nothing waits with a timeout.</summary>
    public DateTimeOffset? NextTimerDue
    {
        get
        {
            while (_timers.TryPeek(out WaitTimer? timer, out DateTimeOffset due))
            {
                if (IsCurrent(timer))
                {
                    return due;
                }

                _timers.Dequeue();
            }

            return null;
        }
    }

    /// <summary>Resumes a waiting session by its resume token (the original's <c>resume_session</c> broadcast).</summary>
    /// <returns>False when no session waits on the token.</returns>
    public bool Resume(string token, IReadOnlyDictionary<string, string>? labels, object? payload)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (!_suspended.Remove(token, out string? sessionId))
        {
            return false;
        }

        Dictionary<string, string> messageLabels = labels is null ? new(StringComparer.Ordinal) : new(labels, StringComparer.Ordinal);
        if (_sessions.TryGetValue(sessionId, out Session? waiting))
        {
            RecordResumed(waiting);
        }

        Enqueue(null, () => ContinueSession(sessionId, new DipperMessage(messageLabels, payload), null));
        RunUntilIdle();
        return true;
    }

    /// <summary>
    /// Cancels a run that has not finished: every session of it ends now, without its hooks (as a terminate does);
    /// waits and timeouts are dropped, and a driver's late return for it is ignored. The run ends as
    /// <see cref="RunPhase.Cancelled"/> with status error and <paramref name="reason"/>. Detached workflows it
    /// started are runs of their own and carry on.
    /// </summary>
    /// <returns>False when no unfinished run has that id.</returns>
    public bool Cancel(string runId, string reason)
    {
        ArgumentNullException.ThrowIfNull(runId);
        ArgumentNullException.ThrowIfNull(reason);
        if (!_runs.TryGetValue(runId, out RunRecord? run))
        {
            return false;
        }

        HashSet<string> members = [.. _sessions.Where(p => p.Value.RunId == runId).Select(p => p.Key)];
        Session? root = null;
        foreach (string id in members)
        {
            Session session = _sessions[id];
            if (session.IsTopLevel)
            {
                root = session;
            }

            if (session.PendingCommandId is { } commandId)
            {
                Output.AbandonCommand(commandId);
            }

            _sessions.Remove(id);
            _timerBySession.Remove(id);
            MarkEnded(id);
        }

        foreach (string token in _suspended.Where(p => members.Contains(p.Value)).Select(p => p.Key).ToList())
        {
            _suspended.Remove(token);
        }

        EngineLog.RunCancelled(Logger, runId, reason);
        RecordCancelled(run, reason);
        if (root is not null && root.Ctx.TryGetValue("_output", out object? output))
        {
            Output.EmitResult(root.EventId, new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["status"] = Statuses.Error,
                ["output"] = output,
                ["error"] = "cancelled: " + reason,
            });
        }

        RunUntilIdle();
        return true;
    }

    /// <summary>Times out every wait that is due by the engine's clock.</summary>
    public void FireDueTimers()
    {
        DateTimeOffset now = Now;
        while (_timers.TryPeek(out WaitTimer? timer, out DateTimeOffset due) && due <= now)
        {
            _timers.Dequeue();
            if (!IsCurrent(timer) || !_sessions.TryGetValue(timer.SessionId, out Session? session))
            {
                continue;
            }

            _timerBySession.Remove(timer.SessionId);
            string status = session.Ctx.TryGetValue("timeout_status", out object? s) && s is string text && text.Length > 0 ? text : string.Empty;
            Dictionary<string, string> labels = new(StringComparer.Ordinal)
            {
                [Statuses.Label] = status.Length > 0 ? status : Statuses.Success,
                ["reason"] = status.Length > 0 ? "timeout" : string.Empty,
            };
            Resume(timer.Token, labels, session.Ctx.GetValueOrDefault("return_on_timeout"));
        }

        RunUntilIdle();
    }

    internal void Defer(Session? owner, Action work) => Enqueue(owner, work);

    internal bool IsActive(Session session) => session.Id.Length > 0 && _sessions.TryGetValue(session.Id, out Session? s) && ReferenceEquals(s, session);

    /// <summary>Gives a session its id when it starts executing (the original's save).</summary>
    internal void Register(Session session)
    {
        session.Id = _sessionIds();
        _sessions[session.Id] = session;
        MarkChanged(session);
        RecordStart(session);
    }

    /// <summary>A session is done: it leaves the table and its run record says how it ended.</summary>
    internal void Finish(Session session, DipperMessage msg)
    {
        _sessions.Remove(session.Id);
        _timerBySession.Remove(session.Id);
        MarkEnded(session.Id);
        RecordFinish(session, msg);
    }

    internal void ContinueSession(string sessionId, DipperMessage msg, List<Dictionary<string, object?>>? exports)
    {
        if (!_sessions.TryGetValue(sessionId, out Session? session))
        {
            EngineLog.UnknownSession(Logger, sessionId);
            return;
        }

        MarkChanged(session);
        try
        {
            session.ContinueExec(msg, exports);
        }
        catch (Exception ex) when (IsRecoverable(ex))
        {
            session.OnError(ex);
        }
    }

    /// <summary>Registers a waiting session under its resume token, with a timeout unless it waits forever.</summary>
    internal void Suspend(Session session, string token, TimeSpan? timeout)
    {
        if (_suspended.TryGetValue(token, out string? other))
        {
            throw new WorkflowException($"[workflow] wait identifier collided for sessions {session.Id} and {other}");
        }

        _suspended[token] = session.Id;
        session.WaitToken = token;
        MarkChanged(session);
        RecordWaiting(session);
        if (timeout is { } duration)
        {
            WaitTimer timer = new(session.Id, token, Now + duration);
            _timerBySession[session.Id] = timer;
            _timers.Enqueue(timer, timer.Due);
        }
    }

    /// <summary>The session moves on: a timeout it had pending no longer applies.</summary>
    internal void CancelWait(Session session) => _timerBySession.Remove(session.Id);

    private bool IsCurrent(WaitTimer timer) => _timerBySession.TryGetValue(timer.SessionId, out WaitTimer? current) && ReferenceEquals(current, timer);

    /// <summary>A pending timeout; identity matters, so that a cancelled one is skipped when it comes due.</summary>
    private sealed record WaitTimer(string SessionId, string Token, DateTimeOffset Due);
}
