namespace Honeydipper.Core.Engine.Sessions;

internal sealed partial class Session
{
    private enum Route
    {
        Complete,
        NextStep,
        NextThread,
        NextIteration,
        NextParallelIteration,
        NextRound,
    }

    /// <summary>A child completed or a call returned: merge its exports and move on (§2.2 step 7).</summary>
    public void ContinueExec(DipperMessage msg, List<Dictionary<string, object?>>? exports)
    {
        _engine.CancelWait(this);
        MergeContext(exports);
        if (CurrentHook.Length > 0)
        {
            ContinueAfterHook(msg);
            return;
        }

        switch (RouteNext(msg))
        {
            case Route.NextStep:
                Current++;
                ExecuteStep(msg);
                break;
            case Route.NextThread:
                break;
            case Route.NextIteration:
                Iteration++;
                ExecuteIteration(msg);
                break;
            case Route.NextParallelIteration:
                int next = PoolSize() + Iteration;
                if (next < IterationList.Count)
                {
                    _engine.Defer(this, () => LaunchParallelIteration(next));
                }

                Iteration++;
                break;
            case Route.NextRound:
                LoopCount++;
                ExecuteRound(msg);
                break;
            default:
                Complete(msg);
                break;
        }
    }

    private Route RouteNext(DipperMessage msg)
    {
        if (Workflow.IterateParallel is null)
        {
            if (msg.Status == Statuses.Error && Workflow.OnError != "continue")
            {
                return Route.Complete;
            }

            if (msg.Status == Statuses.Failure && Workflow.OnFailure == "exit")
            {
                return Route.Complete;
            }
        }
        else if (IterationOut is null && msg.Status != Statuses.Success)
        {
            IterationOut = msg;
        }

        if (ElseBranch is not null)
        {
            return Route.Complete;
        }

        if (Workflow.Steps.Count > 0 && Current < Workflow.Steps.Count - 1)
        {
            return Route.NextStep;
        }

        if (Workflow.Threads.Count > 0 && ++Current < Workflow.Threads.Count)
        {
            return Route.NextThread;
        }

        if (IsIteration && Iteration < IterationList.Count - 1)
        {
            return Workflow.Iterate is not null ? Route.NextIteration : Route.NextParallelIteration;
        }

        if (IsLoop && CheckLoopCondition(msg))
        {
            return Route.NextRound;
        }

        return Route.Complete;
    }

    /// <summary>Finishes the session: exports, completion hooks, then the parent continues (§2.2 step 8).</summary>
    public void Complete(DipperMessage msg)
    {
        if (msg.Status == Statuses.Success && IterationOut is not null)
        {
            msg = IterationOut;
        }

        if (msg.Status != Statuses.Success && (!msg.Labels.TryGetValue("performing", out string? p) || p.Length == 0))
        {
            msg.Labels["performing"] = Performing;
        }

        SavedMsg = msg;
        if (Id.Length > 0 && _engine.IsActive(this))
        {
            if (CurrentHook.Length == 0)
            {
                ProcessExport(msg);
            }

            FireCompleteHooks(msg);
            if (CurrentHook.Length > 0)
            {
                return;
            }

            CompletionTime = _engine.Now;
            _engine.Finish(this, msg);
            if (!IsTopLevel)
            {
                string parent = Parent;
                List<Dictionary<string, object?>> exported = Exported;
                _engine.Defer(null, () => _engine.ContinueSession(parent, msg, exported));
            }
            else if (Ctx.TryGetValue("_output", out object? output))
            {
                Dictionary<string, object?> result = new(StringComparer.Ordinal) { ["status"] = msg.Status, ["output"] = output };
                if (msg.Status != Statuses.Success)
                {
                    result["error"] = $"[{msg.Labels.GetValueOrDefault("performing")}]: {msg.Reason}";
                }

                _engine.Output.EmitResult(EventId, result);
            }
        }

        Id = string.Empty;
    }

    /// <summary>An exception inside the session (the original's panic): it completes with status error.</summary>
    public void OnError(Exception ex)
    {
        Complete(DipperMessage.WithStatus(Statuses.Error, ex.Message));
    }

    private void ContinueAfterHook(DipperMessage msg)
    {
        if (msg.Status == Statuses.Success)
        {
            DipperMessage saved = SavedMsg!;
            switch (CurrentHook)
            {
                case "on_session":
                    Execute(saved);
                    break;
                case "on_first_round" or "on_round":
                    ExecuteRound(saved);
                    break;
                case "on_first_item" or "on_item":
                    ExecuteIteration(saved);
                    break;
                case "on_first_action" or "on_action":
                    ExecuteAction(saved);
                    break;
                default:
                    Complete(saved);
                    break;
            }

            return;
        }

        string reason = $"hook [{CurrentHook}] failed with status '{msg.Status}' due to: {msg.Reason}";
        if (!IsInCompleteHooks)
        {
            CurrentHook = string.Empty;
        }

        Complete(DipperMessage.WithStatus(Statuses.Error, reason));
    }
}
