using Honeydipper.Core.Interpolation;

namespace Honeydipper.Core.Engine.Rules;

/// <summary>The context an event gives the session it starts: the trigger's export layers, innermost first (§2.4).</summary>
internal static class EventContext
{
    public static Dictionary<string, object?> Export(CollapsedTrigger trigger, object? eventData, Interpolator interpolator)
    {
        Dictionary<string, object?> ctx = EngineData.Map();
        Dictionary<string, object?> env = new(StringComparer.Ordinal)
        {
            ["event"] = eventData,
            ["ctx"] = ctx,
            ["sysData"] = trigger.SysData,
        };
        foreach (IDictionary<string, object?>? layer in trigger.Exports)
        {
            if (layer is null)
            {
                continue;
            }

            ctx = EngineData.MergeMap(ctx, EngineData.AsMap(interpolator.Interpolate(layer, env), "export"));
            env["ctx"] = ctx;
        }

        ctx.TryAdd("_meta_event", trigger.EventName);
        return ctx;
    }
}
