using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Engine.Functions;
using Honeydipper.Core.Engine.Runs;
using Honeydipper.Core.Engine.Sessions;

namespace Honeydipper.Core.Engine;

public sealed partial class WorkflowEngine
{
    /// <summary>A driver answered a command; the session it belongs to continues. Stale and repeated answers are ignored.</summary>
    public void HandleReturn(DriverReturn reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        Enqueue(null, () =>
        {
            if (!_sessions.TryGetValue(reply.SessionId, out Session? session))
            {
                EngineLog.UnknownSession(Logger, reply.SessionId);
                return;
            }

            if (session.PendingCommandId is null || (reply.CommandId.Length > 0 && reply.CommandId != session.PendingCommandId))
            {
                EngineLog.StaleReturn(Logger, reply.SessionId, reply.CommandId);
                return;
            }

            string commandId = session.PendingCommandId;
            session.PendingCommandId = null;
            MarkChanged(session);
            DipperMessage msg = new(new Dictionary<string, string>(reply.Labels, StringComparer.Ordinal), reply.Payload);
            RecordCallFinished(session, commandId, msg);
            ContinueSession(session.Id, msg, null);
        });
        RunUntilIdle();
    }

    /// <summary>
    /// Collapses the function (the original operator's job), interpolates its parameters and sends the command. When
    /// that fails (an undefined system, a bad template) the session gets an error return, as the operator sent one.
    /// </summary>
    internal void SendCall(Session session, FunctionDefinition function, DipperMessage msg, Dictionary<string, string> labels)
    {
        session.CallCount++;
        string commandId = $"{session.Id}:{session.CallCount}";
        string target = function.Target.System.Length > 0 ? function.Target.ToString() : $"{function.Driver}.{function.RawAction}";
        session.PendingCommandId = commandId;
        MarkChanged(session);
        RecordCallStarted(session, commandId, target);
        DriverCommand command;
        try
        {
            command = BuildCommand(session, function, msg, labels, commandId, target);
        }
        catch (Exception ex) when (IsRecoverable(ex))
        {
            Dictionary<string, string> failed = new(labels, StringComparer.Ordinal) { [Statuses.Label] = Statuses.Error, ["reason"] = ex.Message };
            HandleReturn(new DriverReturn(session.Id, commandId, failed, null));
            return;
        }

        Output.SendCommand(command);
    }

    private DriverCommand BuildCommand(Session session, FunctionDefinition function, DipperMessage msg, Dictionary<string, string> labels, string commandId, string target)
    {
        CollapsedFunction collapsed = FunctionCollapser.Collapse(function, Config);
        Dictionary<string, object?>? parameters = collapsed.Parameters;
        object? ctx = session.Ctx;
        if (parameters is not null)
        {
            // The original interpolates the context first, then the parameters with that context ("twice" rule, §3.4).
            Dictionary<string, object?> env = new(StringComparer.Ordinal)
            {
                ["sysData"] = collapsed.SysData,
                ["data"] = msg.Payload ?? EngineData.Map(),
                ["event"] = session.Event,
                ["labels"] = new LabelsView(labels),
                ["ctx"] = session.Ctx,
                ["params"] = parameters,
            };
            ctx = Interpolator.Interpolate(session.Ctx, env);
            env["ctx"] = ctx;
            parameters = EngineData.AsMap(Interpolator.Interpolate(parameters, env), "parameters");
        }

        labels["method"] = collapsed.RawAction;
        Dictionary<string, object?> settings = new(StringComparer.Ordinal) { ["ctx"] = ctx, ["params"] = parameters };
        foreach (string setting in (string[])["retry", "backoff_ms", "timeout"])
        {
            string value = Interpolator.InterpolateStr($"$?ctx.{setting},params.{setting}", settings);
            labels.Remove(setting);
            if (value.Length > 0)
            {
                labels[setting] = value;
            }
        }

        return new DriverCommand(commandId, collapsed.Driver, collapsed.RawAction, parameters, labels, target)
        {
            Context = _options.CaptureCommandContext ? Values.DataTree.CopyMap(session.Ctx) : null,
        };
    }

    private void RecordCallStarted(Session session, string commandId, string target)
    {
        if (_runs.TryGetValue(session.RunId, out RunRecord? run))
        {
            run.Add(new RunNode
            {
                Id = CallNodeId(session, commandId),
                Parent = session.NodeId,
                Name = target,
                Type = "call",
                StartedAt = Now,
                Message = target,
            });
            run.Performing = target;
            RunChanged(run);
        }
    }

    private void RecordCallFinished(Session session, string commandId, DipperMessage msg)
    {
        if (_runs.TryGetValue(session.RunId, out RunRecord? run) && run.Node(CallNodeId(session, commandId)) is { } node)
        {
            node.Phase = RunPhases.FromStatus(msg.Status.Length > 0 ? msg.Status : Statuses.Success);
            node.FinishedAt = Now;
            if (node.Phase != RunPhase.Succeeded)
            {
                node.Message = msg.Reason;
            }

            RunChanged(run);
        }
    }

    private static string CallNodeId(Session session, string commandId) => $"{session.NodeId}.call{commandId[(commandId.LastIndexOf(':') + 1)..]}";
}
