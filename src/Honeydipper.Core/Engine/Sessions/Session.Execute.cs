namespace Honeydipper.Core.Engine.Sessions;

internal sealed partial class Session
{
    /// <summary>Starts the session: its condition, then a round, the else branch, or nothing (§2.2 step 3).</summary>
    public void Execute(DipperMessage msg)
    {
        FireHook("on_session", msg);
        if (CurrentHook.Length > 0)
        {
            return;
        }

        if (CheckCondition() && CheckLoopCondition(msg))
        {
            if (!IsIteration || IterationList.Count > 0)
            {
                LoopCount = 0;
                if (Id.Length == 0)
                {
                    _engine.Defer(this, () =>
                    {
                        Save();
                        ExecuteRound(msg);
                    });
                }
                else
                {
                    ExecuteRound(msg);
                }
            }
            else if (!IsTopLevel || Id.Length > 0)
            {
                Noop(msg);
            }
        }
        else if (Workflow.Else is not null)
        {
            ElseBranch = Workflow.Else;
            _engine.Defer(this, () =>
            {
                Save();
                CreateChild(ElseBranch, msg, "else", "branch").Execute(msg);
            });
        }
        else if (!IsTopLevel || Id.Length > 0)
        {
            // A top-level session that an on_session hook saved must still complete (the original leaks it).
            Noop(msg);
        }
    }

    /// <summary>Nothing to do: the parent continues with success.</summary>
    private void Noop(DipperMessage msg)
    {
        if (msg.Status != Statuses.Success)
        {
            msg = DipperMessage.Success();
        }

        if (Id.Length > 0)
        {
            ContinueExec(msg, null);
        }
        else
        {
            _engine.RecordSkipped(this);
            _engine.Defer(null, () => _engine.ContinueSession(Parent, msg, null));
        }
    }

    private void ExecuteRound(DipperMessage msg)
    {
        if (IsLoop)
        {
            Ctx["loop_count"] = LoopCount;
            if (LoopCount == 0 && CurrentHook != "on_round") // back from on_round, on_first_round has had its turn
            {
                FireHook("on_first_round", msg);
                if (CurrentHook.Length > 0)
                {
                    return;
                }
            }

            FireHook("on_round", msg);
            if (CurrentHook.Length > 0)
            {
                return;
            }

            Iteration = 0;
            Current = 0;
        }

        if (!Ctx.ContainsKey("resume_token"))
        {
            Ctx["resume_token"] = $"{_engine.DaemonId}/{Workflow.Name}/{Id}";
        }

        ExecuteIteration(msg);
    }

    private void ExecuteIteration(DipperMessage msg)
    {
        if (!IsIteration)
        {
            ExecuteAction(msg);
            return;
        }

        Current = 0;
        if (Workflow.Iterate is not null)
        {
            LaunchIteration(msg);
        }
        else
        {
            LaunchParallelIterations(msg);
        }
    }

    private void LaunchIteration(DipperMessage msg)
    {
        Ctx["current"] = IterationList[Iteration];
        if (Workflow.IterateAs.Length > 0)
        {
            Ctx[Workflow.IterateAs] = Ctx["current"];
        }

        if (LoopCount == 0 && Iteration == 0 && CurrentHook != "on_item") // back from on_item, on_first_item has had its turn
        {
            FireHook("on_first_item", msg);
            if (CurrentHook.Length > 0)
            {
                return;
            }
        }

        FireHook("on_item", msg);
        if (CurrentHook.Length == 0)
        {
            ExecuteAction(msg);
        }
    }

    private int PoolSize()
    {
        int count = IterationList.Count;
        if (Workflow.IteratePool.Length == 0)
        {
            return count;
        }

        if (!int.TryParse(Workflow.IteratePool.Trim(), out int pool))
        {
            throw new WorkflowException($"invalid iterate_pool {Workflow.IteratePool}: not a number");
        }

        if (pool <= 0)
        {
            throw new WorkflowException($"invalid iterate_pool {Workflow.IteratePool}");
        }

        return Math.Min(count, pool);
    }

    private void LaunchParallelIterations(DipperMessage msg)
    {
        int pool = PoolSize();
        OrigMsg = msg;
        for (int i = 0; i < pool; i++)
        {
            int item = i;
            _engine.Defer(this, () => LaunchParallelIteration(item));
        }
    }

    private void LaunchParallelIteration(int i)
    {
        // Each item runs a child holding only the action, with `current` set and no resume token of its own.
        Config.Model.WorkflowDefinition single = new()
        {
            CallWorkflow = Workflow.CallWorkflow,
            Function = Workflow.Function,
            CallFunction = Workflow.CallFunction,
            CallDriver = Workflow.CallDriver,
            Switch = Workflow.Switch,
            Cases = Workflow.Cases,
            Default = Workflow.Default,
            Steps = Workflow.Steps,
            Threads = Workflow.Threads,
        };
        Session child = CreateChild(single, OrigMsg!, $"p{i}", "item");
        child.Ctx["current"] = IterationList[i];
        if (Workflow.IterateAs.Length > 0)
        {
            child.Ctx[Workflow.IterateAs] = child.Ctx["current"];
        }

        child.Ctx.Remove("resume_token");
        child.Execute(OrigMsg!);
    }

    /// <summary>A child session for a step, thread, item, branch or hook, prepared against this session.</summary>
    private Session CreateChild(Config.Model.WorkflowDefinition workflow, DipperMessage msg, string relation, string nodeType)
    {
        string suffix = (LoopCount > 0 ? $"#{LoopCount}" : string.Empty) + (Workflow.Iterate is not null ? $"@{Iteration}" : string.Empty);
        Session child = new(_engine, Id, EventId, workflow, $"{NodeId}.{relation}{suffix}") { RunId = RunId, NodeType = nodeType, ParentNodeId = NodeId };
        child.Prepare(msg, this, null);
        return child;
    }

    private Session CreateChildWithName(string name, DipperMessage msg)
    {
        if (!_engine.Config.Workflows.TryGetValue(name, out Config.Model.WorkflowDefinition? workflow))
        {
            throw new WorkflowException($"workflow error: not defined: {name}");
        }

        return CreateChild(workflow.Name.Length > 0 ? workflow : workflow with { Name = name }, msg, "w", "workflow");
    }
}
