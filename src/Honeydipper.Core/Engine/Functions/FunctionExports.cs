using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Interpolation;
using Honeydipper.Core.Values;

namespace Honeydipper.Core.Engine.Functions;

/// <summary>
/// The original's ExportFunctionContext (semantics §2.4): when a driver call returns (not with error), walks the
/// function's target chain; parameters are squashed outer over inner and interpolated once at the innermost function;
/// each layer's <c>export</c> (and <c>export_on_success</c> / <c>export_on_failure</c>) is interpolated with that layer's
/// system data, later layers seeing earlier layers' exports in <c>ctx</c>.
/// </summary>
public static class FunctionExports
{
    /// <param name="function">The function the session called.</param>
    /// <param name="env">The interpolation data (<c>ctx</c>, <c>data</c>, <c>labels</c>, <c>event</c>); changed as the original changes it.</param>
    /// <param name="config">The configuration the function is defined in.</param>
    /// <param name="interpolator">The generation's interpolator.</param>
    public static Dictionary<string, object?>? Export(FunctionDefinition function, Dictionary<string, object?> env, HoneydipperConfig config, Interpolator interpolator)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(interpolator);
        return Export(function, env, config, interpolator, 0);
    }

    private static Dictionary<string, object?>? Export(FunctionDefinition f, Dictionary<string, object?> env, HoneydipperConfig config, Interpolator interpolator, int depth)
    {
        string status = env.TryGetValue("labels", out object? l) && l is IDictionary<string, object?> labels && labels.TryGetValue(Statuses.Label, out object? s) && s is string text
            ? text
            : Statuses.Success;
        if (status == Statuses.Error || depth > 64)
        {
            return null;
        }

        Dictionary<string, object?>? sysData = env.TryGetValue("sysData", out object? d) ? d as Dictionary<string, object?> : null;
        env["params"] = EngineData.MergeMap(
            f.Parameters is null ? null : DataTree.CopyMap(f.Parameters),
            env.TryGetValue("params", out object? outer) ? outer as IDictionary<string, object?> : null);

        Dictionary<string, object?>? exported = null;
        if (f.Target.System.Length > 0)
        {
            SystemDefinition child = config.Systems.TryGetValue(f.Target.System, out SystemDefinition? system)
                ? system
                : throw new WorkflowException($"[operator] system not defined {f.Target.System}");
            FunctionDefinition childFunction = child.Functions.TryGetValue(f.Target.Function, out FunctionDefinition? fn)
                ? fn
                : throw new WorkflowException($"[operator] function not defined {f.Target.System}.{f.Target.Function}");
            Dictionary<string, object?> merged = EngineData.MergeMap(sysData is null ? null : DataTree.CopyMap(sysData), child.Data);
            env["sysData"] = FunctionCollapser.EnterSubsystems(merged, f.Target.Function);
            exported = Export(childFunction, env, config, interpolator, depth + 1);
        }
        else
        {
            env["params"] = interpolator.Interpolate(env["params"], env);
        }

        env["sysData"] = sysData;
        Dictionary<string, object?>? ctx = env.TryGetValue("ctx", out object? c) ? c as Dictionary<string, object?> : null;
        (exported, ctx) = Layer(f.Export, env, exported, ctx, interpolator);
        if (status == Statuses.Success)
        {
            (exported, ctx) = Layer(f.ExportOnSuccess, env, exported, ctx, interpolator);
        }
        else if (status == Statuses.Failure)
        {
            (exported, ctx) = Layer(f.ExportOnFailure, env, exported, ctx, interpolator);
        }

        env["ctx"] = ctx;
        return exported;
    }

    private static (Dictionary<string, object?>? Exported, Dictionary<string, object?>? Ctx) Layer(
        IDictionary<string, object?>? export,
        Dictionary<string, object?> env,
        Dictionary<string, object?>? exported,
        Dictionary<string, object?>? ctx,
        Interpolator interpolator)
    {
        if (export is null)
        {
            return (exported, ctx);
        }

        Dictionary<string, object?> delta = EngineData.AsMap(interpolator.Interpolate(export, env), "export");
        return (EngineData.MergeMap(exported, delta), EngineData.MergeMap(ctx, delta));
    }
}
