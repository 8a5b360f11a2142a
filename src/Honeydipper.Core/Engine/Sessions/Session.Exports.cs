using Honeydipper.Core.Engine.Functions;

namespace Honeydipper.Core.Engine.Sessions;

internal sealed partial class Session
{
    private void MergeContext(List<Dictionary<string, object?>>? exports)
    {
        if (exports is null)
        {
            return;
        }

        foreach (Dictionary<string, object?> export in exports)
        {
            Ctx = EngineData.MergeMap(Ctx, export);
            ProcessNoExport(export);
            if (export.Count > 0)
            {
                Exported.Add(export);
            }
        }
    }

    private void ProcessNoExport(Dictionary<string, object?> exported)
    {
        foreach (string key in Workflow.NoExport ?? [])
        {
            if (key == "*")
            {
                exported.Clear();
                break;
            }

            exported.Remove(key);
            exported.Remove(key + "-");
            exported.Remove(key + "+");
        }
    }

    /// <summary>Function exports, then the workflow's own, by status (§2.4). A failure here turns the status to error.</summary>
    private void ProcessExport(DipperMessage msg)
    {
        if (ElseBranch is not null)
        {
            return;
        }

        Dictionary<string, object?> env = BuildEnvData(msg);
        string status = msg.Status;
        try
        {
            if (InFlyFunction is not null && status != Statuses.Error)
            {
                Dictionary<string, object?>? export = FunctionExports.Export(InFlyFunction, env, _engine.Config, _engine.Interpolator);
                env.Remove("sysData"); // params stay: the original's workflow exports can still see them
                if (export is not null)
                {
                    Ctx = EngineData.MergeMap(Ctx, export);
                    ProcessNoExport(export);
                    if (export.Count > 0)
                    {
                        Exported.Add(export);
                    }
                }
            }

            env["ctx"] = Ctx;
            PostWorkflowExport(status != Statuses.Error ? Workflow.Export : Workflow.ExportOnError, env);
            if (status == Statuses.Success)
            {
                PostWorkflowExport(Workflow.ExportOnSuccess, env);
            }
            else if (status == Statuses.Failure)
            {
                PostWorkflowExport(Workflow.ExportOnFailure, env);
            }
        }
        catch (Exception ex) when (WorkflowEngine.IsRecoverable(ex))
        {
            msg.Labels[Statuses.Label] = Statuses.Error;
            string reason = msg.Reason;
            msg.Labels["reason"] = (reason.Length > 0 ? reason + "\n" : string.Empty) + "Error on exporting data " + ex.Message;
        }
    }

    private void PostWorkflowExport(IDictionary<string, object?>? export, Dictionary<string, object?> env)
    {
        if (export is null)
        {
            return;
        }

        Dictionary<string, object?> delta = EngineData.AsMap(_engine.Interpolator.Interpolate(export, env), "export");
        Ctx = EngineData.MergeMap(Ctx, delta);
        env["ctx"] = Ctx;
        ProcessNoExport(delta);
        if (delta.Count > 0)
        {
            Exported.Add(delta);
        }
    }
}
