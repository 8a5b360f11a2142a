using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Engine.Runs;
using Honeydipper.Core.Engine.Sessions;
using Honeydipper.Core.Values;

namespace Honeydipper.Core.Engine;

public sealed partial class WorkflowEngine
{
    private readonly Dictionary<string, RunRecord> _runs = new(StringComparer.Ordinal);

    /// <summary>Runs that have not finished.</summary>
    public IReadOnlyCollection<RunRecord> ActiveRuns => _runs.Values;

    private void RecordStart(Session session)
    {
        if (session.IsTopLevel)
        {
            session.RunId = session.Id;
            session.NodeId = "r";
            RunRecord run = new()
            {
                Id = session.Id,
                Name = NodeName(session),
                Rule = session.Rule,
                EventId = session.EventId,
                EventName = session.Ctx.GetValueOrDefault("_meta_event") as string ?? string.Empty,
                StartedAt = session.StartTime,
                Performing = session.Performing,
            };
            _runs[run.Id] = run;
        }

        if (_runs.TryGetValue(session.RunId, out RunRecord? record))
        {
            record.Add(new RunNode
            {
                Id = session.NodeId,
                Parent = session.ParentNodeId,
                Name = NodeName(session),
                Type = session.NodeType,
                StartedAt = session.StartTime,
            });
            RunChanged(record);
        }
    }

    private void RecordFinish(Session session, DipperMessage msg)
    {
        if (!_runs.TryGetValue(session.RunId, out RunRecord? run))
        {
            return;
        }

        string status = msg.Status.Length > 0 ? msg.Status : Statuses.Success;
        if (run.Node(session.NodeId) is { } node)
        {
            node.Phase = RunPhases.FromStatus(status);
            node.FinishedAt = Now;
            node.Name = NodeName(session);
            node.Message = status == Statuses.Success ? string.Empty : msg.Reason;
        }

        if (session.IsTopLevel && session.RunId == session.Id)
        {
            run.Phase = RunPhases.FromStatus(status);
            run.Status = status;
            run.Reason = msg.Reason;
            run.Performing = msg.Labels.GetValueOrDefault("performing") ?? session.Performing;
            run.FinishedAt = Now;
            foreach (Dictionary<string, object?> export in session.Exported)
            {
                run.Exported = EngineData.MergeMap(run.Exported, export);
            }

            _runs.Remove(run.Id);
        }

        RunChanged(run);
    }

    private void RecordWaiting(Session session)
    {
        if (_runs.TryGetValue(session.RunId, out RunRecord? run) && run.Node(session.NodeId) is { } node)
        {
            node.Phase = RunPhase.Waiting;
            run.Phase = RunPhase.Waiting;
            run.Performing = "suspending";
            RunChanged(run);
        }
    }

    private void RecordResumed(Session session)
    {
        if (_runs.TryGetValue(session.RunId, out RunRecord? run) && run.Node(session.NodeId) is { } node)
        {
            node.Phase = RunPhase.Running;
            run.Phase = RunPhase.Running;
            RunChanged(run);
        }
    }

    private void RecordCancelled(RunRecord run, string reason)
    {
        DateTimeOffset now = Now;
        foreach (RunNode node in run.Nodes)
        {
            if (!node.Phase.IsFinished())
            {
                node.Phase = RunPhase.Cancelled;
                node.FinishedAt = now;
                node.Message = reason;
            }
        }

        run.Phase = RunPhase.Cancelled;
        run.Status = Statuses.Error;
        run.Reason = reason;
        run.FinishedAt = now;
        _runs.Remove(run.Id);
        RunChanged(run);
    }

    /// <summary>
    /// A node's name: its workflow's or its description, else what it performs (a wait says how long), else (a step
    /// with no name that only switches or exports, whose <c>performing</c> label the original leaves empty) what it
    /// is, so that no node shows blank.
    /// </summary>
    private static string NodeName(Session session)
    {
        WorkflowDefinition wf = session.Workflow;
        return wf.Name.Length > 0 ? wf.Name
            : wf.Description.Length > 0 ? wf.Description
            : wf.Wait.Length > 0 ? "wait " + wf.Wait // rather than "suspending", its performing label while it waits
            : session.Performing.Length > 0 ? session.Performing
            : wf.Switch.Length > 0 ? "switch " + wf.Switch
            : wf.Export is { Count: > 0 } || wf.ExportOnSuccess is { Count: > 0 } || wf.ExportOnFailure is { Count: > 0 } || wf.ExportOnError is { Count: > 0 } ? "export"
            : session.NodeType;
    }

    /// <summary>A child whose condition kept it from running shows as skipped.</summary>
    internal void RecordSkipped(Session session)
    {
        if (_runs.TryGetValue(session.RunId, out RunRecord? run))
        {
            run.Add(new RunNode
            {
                Id = session.NodeId,
                Parent = session.ParentNodeId,
                Name = NodeName(session),
                Type = session.NodeType,
                Phase = RunPhase.Skipped,
                StartedAt = Now,
                FinishedAt = Now,
            });
            RunChanged(run);
        }
    }

    /// <summary>A top-level session that failed before it could start (an undefined context, a bad template).</summary>
    private void RecordFailedStart(Session session, string reason)
    {
        string id = session.Id.Length > 0 ? session.Id : _sessionIds();
        if (session.Id.Length > 0)
        {
            _sessions.Remove(session.Id);
            _runs.Remove(id);
        }

        RunRecord run = new()
        {
            Id = id,
            Name = NodeName(session),
            Rule = session.Rule,
            EventId = session.EventId,
            StartedAt = session.StartTime,
            Phase = RunPhase.Error,
            Status = Statuses.Error,
            Reason = reason,
            Performing = session.Performing,
            FinishedAt = Now,
        };
        run.Add(new RunNode { Id = "r", Name = run.Name, StartedAt = session.StartTime, FinishedAt = Now, Phase = RunPhase.Error, Message = reason });
        session.RunId = id;
        RunChanged(run);
    }
}
