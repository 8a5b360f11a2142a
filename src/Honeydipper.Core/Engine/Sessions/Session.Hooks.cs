using Honeydipper.Core.Config.Model;

namespace Honeydipper.Core.Engine.Sessions;

internal sealed partial class Session
{
    private bool IsInCompleteHooks => CurrentHook is "on_error" or "on_failure" or "on_success" or "on_exit";

    /// <summary>
    /// Runs <c>ctx.hooks.&lt;name&gt;</c> when it is set (§2.3). Firing the hook that just finished clears it instead:
    /// that is how execution picks up where the hook interrupted it.
    /// </summary>
    private void FireHook(string name, DipperMessage msg)
    {
        if (CurrentHook.Length > 0)
        {
            if (CurrentHook == name)
            {
                CurrentHook = string.Empty;
                return;
            }

            throw new WorkflowException($"[workflow] hooks overlapping: {name} vs {CurrentHook} for session {Id}");
        }

        object? hook = EngineData.Get(Ctx, "hooks", name);
        if (hook is null)
        {
            return;
        }

        CurrentHook = name;
        SavedMsg = msg;
        if (Id.Length == 0)
        {
            _engine.Defer(this, () =>
            {
                Save();
                ExecuteHook(name, msg, hook);
            });
        }
        else
        {
            ExecuteHook(name, msg, hook);
        }
    }

    private void ExecuteHook(string name, DipperMessage msg, object hook)
    {
        WorkflowDefinition workflow = hook switch
        {
            string workflowName => new WorkflowDefinition { Context = ContextHooks, CallWorkflow = workflowName },
            IList<object?> list => new WorkflowDefinition
            {
                Context = ContextHooks,
                Threads = [.. list.Select(item => item is string w
                    ? new WorkflowDefinition { CallWorkflow = w }
                    : throw new WorkflowException($"hook {name} must name workflows, not {EngineData.Describe(item)}"))],
            },
            _ => throw new WorkflowException($"hook {name} must name a workflow or a list of workflows, not {EngineData.Describe(hook)}"),
        };
        CreateChild(workflow, msg, "hook:" + name, "hook").Execute(msg);
    }

    private void FireCompleteHooks(DipperMessage msg)
    {
        try
        {
            if (CurrentHook.Length > 0 && !IsInCompleteHooks)
            {
                FireHook(CurrentHook, msg);
            }

            if (CurrentHook.Length == 0)
            {
                string hookName = msg.Status switch
                {
                    Statuses.Error => "on_error",
                    Statuses.Failure => "on_failure",
                    _ => "on_success",
                };
                FireHook(hookName, msg);
            }
            else if (CurrentHook != "on_exit")
            {
                FireHook(CurrentHook, msg);
            }

            if (CurrentHook.Length == 0 || CurrentHook == "on_exit")
            {
                FireHook("on_exit", msg);
            }
        }
        catch (Exception ex) when (WorkflowEngine.IsRecoverable(ex))
        {
            // The original logs a failure to start completion hooks and completes the session regardless.
            EngineLog.HookFailed(_engine.Logger, Id, ex.Message);
            CurrentHook = string.Empty;
        }
    }
}
