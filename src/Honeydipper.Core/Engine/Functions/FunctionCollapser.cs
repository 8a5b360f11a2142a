using Honeydipper.Core.Config.Merging;
using Honeydipper.Core.Config.Model;

namespace Honeydipper.Core.Engine.Functions;

/// <summary>
/// The original operator's collapseFunction: follows <c>target</c> to the function that names a driver. Parameters
/// merge outer over inner and system data outer over inner (mergo with append: lists are appended); calling a
/// subsystem function <c>sys.key.fn</c> makes <c>data.key</c> the system data, with the outer data as <c>parent</c>.
/// </summary>
public static class FunctionCollapser
{
    private const int MaxDepth = 64;

    /// <exception cref="WorkflowException">A system or function is not defined, or a function has both driver and target.</exception>
    public static CollapsedFunction Collapse(FunctionDefinition function, HoneydipperConfig config)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(config);
        return Collapse(null, function, config, 0);
    }

    private static CollapsedFunction Collapse(SystemDefinition? system, FunctionDefinition f, HoneydipperConfig config, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new WorkflowException($"[operator] function targets nest deeper than {MaxDepth} levels (a target cycle?) at {f.Target}");
        }

        string driver;
        string rawAction;
        Dictionary<string, object?>? parameters = null;
        Dictionary<string, object?>? sysData = null;
        if (f.Driver.Length == 0)
        {
            if (!config.Systems.TryGetValue(f.Target.System, out SystemDefinition? child))
            {
                throw new WorkflowException($"[operator] system not defined {f.Target.System}");
            }

            if (!child.Functions.TryGetValue(f.Target.Function, out FunctionDefinition? childFunction))
            {
                throw new WorkflowException($"[operator] function not defined {f.Target.System}.{f.Target.Function}");
            }

            (driver, rawAction, parameters, sysData) = Collapse(child, childFunction, config, depth + 1);
            sysData = EnterSubsystems(sysData, f.Target.Function);
        }
        else
        {
            driver = f.Driver;
            rawAction = f.RawAction;
            if (f.Target.System.Length > 0)
            {
                throw new WorkflowException($"[operator] function cannot have both driver and target {f.Target.System}.{f.Target.Function} {driver}");
            }
        }

        if (system?.Data is not null)
        {
            sysData = ConfigMerge.MergeMaps(sysData, system.Data);
        }

        if (f.Parameters is not null)
        {
            parameters = ConfigMerge.MergeMaps(parameters, f.Parameters);
        }

        return new CollapsedFunction(driver, rawAction, parameters, sysData);
    }

    /// <summary>For <c>key.fn</c> the data of subsystem <c>key</c> becomes the system data, its parent reachable as <c>parent</c>.</summary>
    internal static Dictionary<string, object?>? EnterSubsystems(Dictionary<string, object?>? sysData, string functionName)
    {
        string[] parts = functionName.Split('.');
        for (int i = 0; i < parts.Length - 1; i++)
        {
            Dictionary<string, object?> parent = sysData ?? EngineData.Map();
            sysData = parent.TryGetValue(parts[i], out object? sub) && sub is IDictionary<string, object?> subMap
                ? subMap as Dictionary<string, object?> ?? new Dictionary<string, object?>(subMap, StringComparer.Ordinal)
                : throw new WorkflowException($"[operator] subsystem data {parts[i]} of {functionName} is not a map");
            sysData["parent"] = parent;
        }

        return sysData;
    }
}
