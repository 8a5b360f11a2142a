using Honeydipper.Core.Config.Model;

namespace Honeydipper.Core.Engine.Sessions;

internal sealed partial class Session
{
    private bool HasAction =>
        Workflow.CallWorkflow.Length > 0 || IsFunction || Workflow.CallDriver.Length > 0 || Workflow.Steps.Count > 0 ||
        Workflow.Threads.Count > 0 || Workflow.Wait.Length > 0 || Workflow.Switch.Length > 0;

    private bool ProcessActionHooks(DipperMessage msg)
    {
        if (HasAction)
        {
            // Coming back from on_action, on_first_action has had its turn and firing on_action again clears it. The
            // original checks on_first_action again (failing with "hooks overlapping") and never clears on_action,
            // so an on_action hook could not get past any action there.
            if (LoopCount == 0 && Iteration == 0 && Current == 0 && CurrentHook != "on_action")
            {
                FireHook("on_first_action", msg);
            }

            if (CurrentHook is "" or "on_action")
            {
                FireHook("on_action", msg);
            }
        }

        return CurrentHook.Length > 0;
    }

    /// <summary>The action, by the original's precedence (§2.1): call_workflow, function, call_driver, call_function, steps, threads, wait, switch.</summary>
    private void ExecuteAction(DipperMessage msg)
    {
        if (ProcessActionHooks(msg))
        {
            return;
        }

        if (Workflow.CallWorkflow.Length > 0)
        {
            string work = _engine.Interpolator.InterpolateStr(Workflow.CallWorkflow, BuildEnvData(msg));
            Performing = work;
            if (!IsHook && Workflow.Name.Length == 0)
            {
                Ctx["_meta_name"] = "calling " + work;
            }

            Session child = CreateChildWithName(work, msg);
            if (Workflow.Detach)
            {
                child.Parent = string.Empty;
                child.RunId = string.Empty;
                child.NodeId = "r";
                child.Ctx.Remove("resume_token");
                _engine.Defer(null, () => child.Execute(msg));
                ContinueExec(DipperMessage.Success(), null);
            }
            else
            {
                child.Execute(msg);
            }
        }
        else if (IsFunction)
        {
            Performing = "function";
            Dictionary<string, object?> env = BuildEnvData(msg);
            FunctionDefinition f = Workflow.Function with
            {
                Target = new FunctionTarget(
                    _engine.Interpolator.InterpolateStr(Workflow.Function.Target.System, env),
                    _engine.Interpolator.InterpolateStr(Workflow.Function.Target.Function, env)),
            };
            CallFunction(f, msg);
        }
        else if (Workflow.CallDriver.Length > 0)
        {
            Performing = "driver " + Workflow.CallDriver;
            CallDriver(Workflow.CallDriver, msg);
        }
        else if (Workflow.CallFunction.Length > 0)
        {
            Performing = "function " + Workflow.CallFunction;
            int dot = Workflow.CallFunction.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                throw new WorkflowException($"call_function \"{Workflow.CallFunction}\" must name a function as \"system.function\"");
            }

            CallFunction(new FunctionDefinition { Target = new FunctionTarget(Workflow.CallFunction[..dot], Workflow.CallFunction[(dot + 1)..]) }, msg);
        }
        else if (Workflow.Steps.Count > 0)
        {
            Performing = "steps";
            Current = 0;
            ExecuteStep(msg);
        }
        else if (Workflow.Threads.Count > 0)
        {
            Performing = "threads";
            Current = 0;
            ExecuteThreads(msg);
        }
        else if (Workflow.Wait.Length > 0)
        {
            Performing = "suspending";
            StartWait();
        }
        else if (Workflow.Switch.Length > 0)
        {
            Performing = "switch";
            ExecuteSwitch(msg);
        }
        else
        {
            ContinueExec(DipperMessage.Success(), null);
        }
    }

    private void CallDriver(string callDriver, DipperMessage msg)
    {
        string[] names = callDriver.Split('.');
        if (names.Length < 2)
        {
            throw new WorkflowException($"call_driver \"{callDriver}\" must name an action as \"driver.action\"");
        }

        Dictionary<string, object?>? locals = null;
        if (Workflow.With is not null)
        {
            Dictionary<string, object?> env = BuildEnvData(msg);
            IList<object?> layers = Workflow.With as IList<object?> ?? [Workflow.With];
            foreach (object? layer in layers)
            {
                locals = EngineData.MergeMap(locals, EngineData.AsMap(_engine.Interpolator.Interpolate(layer, env), "with"));
            }
        }

        CallFunction(new FunctionDefinition { Driver = names[0], RawAction = names[1], Parameters = locals }, msg);
    }

    /// <summary>Sends the call (through the engine, which collapses the function as the original's operator did).</summary>
    private void CallFunction(FunctionDefinition f, DipperMessage msg)
    {
        InFlyFunction = f;
        Dictionary<string, string> labels = new(msg.Labels, StringComparer.Ordinal);
        labels.Remove(Statuses.Label);
        labels.Remove("reason");
        labels.Remove("performing");
        labels["sessionID"] = Id;
        _engine.SendCall(this, f, msg, labels);
    }

    private void ExecuteStep(DipperMessage msg)
    {
        Session child = CreateChild(Workflow.Steps[Current], msg, $"s{Current}", "step");
        child.Ctx["step_number"] = Current;
        child.Execute(msg);
    }

    private void ExecuteThreads(DipperMessage msg)
    {
        for (int i = 0; i < Workflow.Threads.Count; i++)
        {
            int thread = i;
            _engine.Defer(this, () =>
            {
                Session child = CreateChild(Workflow.Threads[thread], msg, $"t{thread}", "thread");
                child.Ctx["thread_number"] = thread;
                child.Ctx.Remove("resume_token");
                child.Execute(msg);
            });
        }
    }

    private void StartWait()
    {
        string token = Ctx.TryGetValue("resume_token", out object? t) && t is string s ? s : string.Empty;
        if (token.Length == 0)
        {
            throw new WorkflowException($"[workflow] wait identifier missing for session {Id}");
        }

        if (Workflow.Wait.Trim().Equals("infinite", StringComparison.OrdinalIgnoreCase))
        {
            _engine.Suspend(this, token, null);
            return;
        }

        if (!Values.GoDuration.TryParse(Workflow.Wait.Trim(), out long nanoseconds))
        {
            throw new WorkflowException($"[workflow] fail to time.ParseDuration '{Workflow.Wait}' for {token}");
        }

        _engine.Suspend(this, token, Values.GoDuration.ToTimeSpan(nanoseconds));
    }

    private void ExecuteSwitch(DipperMessage msg)
    {
        string value = _engine.Interpolator.InterpolateStr(Workflow.Switch, BuildEnvData(msg));
        if (Workflow.Cases is not null && Workflow.Cases.TryGetValue(value, out WorkflowDefinition? branch))
        {
            Performing = "switch branch " + value;
            CreateChild(branch, msg, "case:" + value, "branch").Execute(msg);
        }
        else if (Workflow.Default is not null)
        {
            Performing = "switch default branch";
            CreateChild(Workflow.Default, msg, "default", "branch").Execute(msg);
        }
        else
        {
            Noop(msg);
        }
    }
}
