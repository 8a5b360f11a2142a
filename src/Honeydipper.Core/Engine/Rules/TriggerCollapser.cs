using Honeydipper.Core.Config;
using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Interpolation;
using Honeydipper.Core.Matching;
using Honeydipper.Core.Values;

namespace Honeydipper.Core.Engine.Rules;

/// <summary>The original's CollapseTrigger, with errors for what it silently turns into a rule that never fires.</summary>
public static class TriggerCollapser
{
    /// <exception cref="ConfigException">The chain names a missing system or trigger, loops, or ends without a driver.</exception>
    public static CollapsedTrigger Collapse(TriggerDefinition when, HoneydipperConfig config, Interpolator interpolator)
    {
        ArgumentNullException.ThrowIfNull(when);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(interpolator);
        List<TriggerDefinition> stack = [];
        HashSet<string> seen = new(StringComparer.Ordinal);
        TriggerDefinition current = when;
        while (current.Source.System.Length > 0)
        {
            EventSource source = current.Source;
            if (!seen.Add(source.ToString()))
            {
                throw new ConfigException($"trigger source {source} leads back to itself");
            }

            stack.Add(current);
            if (!config.Systems.TryGetValue(source.System, out SystemDefinition? system))
            {
                throw new ConfigException($"system \"{source.System}\" not defined");
            }

            if (!system.Triggers.TryGetValue(source.Trigger, out TriggerDefinition? next))
            {
                throw new ConfigException($"{source.System} trigger \"{source.Trigger}\" not defined");
            }

            current = next;
        }

        if (current.Driver.Length == 0)
        {
            throw new ConfigException("the trigger names no driver (set driver, or source {system, trigger})");
        }

        Dictionary<string, object?> match = DataTree.CopyMap(current.Match ?? EngineData.EmptyMap);
        Dictionary<string, object?> parameters = DataTree.CopyMap(current.Parameters ?? EngineData.EmptyMap);
        Dictionary<string, object?> sysData = EngineData.Map();
        List<IDictionary<string, object?>?> exports = [current.Export];
        for (int i = stack.Count - 1; i >= 0; i--)
        {
            TriggerDefinition trigger = stack[i];
            SystemDefinition system = config.Systems[trigger.Source.System];
            sysData = EngineData.MergeMap(sysData, system.Data);
            parameters = EngineData.MergeMap(parameters, trigger.Parameters);
            match = EngineData.MergeMap(match, trigger.Match);
            exports.Add(trigger.Export);
            if (current.Driver == "webhook" && HasSignatureSecret(system))
            {
                match["verifiedSystem"] = trigger.Source.System;
            }
        }

        if (sysData.Count > 0)
        {
            Dictionary<string, object?> env = new(StringComparer.Ordinal) { ["sysData"] = sysData };
            match = EngineData.AsMap(interpolator.Interpolate(match, env), "if_match");
            parameters = EngineData.AsMap(interpolator.Interpolate(parameters, env), "parameters");
        }

        return new CollapsedTrigger
        {
            Raw = current,
            Match = match,
            Matcher = Criteria.Compile(match),
            Exports = exports,
            SysData = sysData,
            Parameters = parameters,
            SysName = when.Source.System,
            EventName = when.Source.System.Length > 0 ? when.Source.ToString() : $"driver:{current.Driver}.{current.RawEvent}",
        };
    }

    /// <summary>A webhook system that signs its requests: a non-empty secret (the driver accepts a string or a list).</summary>
    private static bool HasSignatureSecret(SystemDefinition system) =>
        system.Data is not null && system.Data.TryGetValue("signatureSecret", out object? secret) && secret switch
        {
            string s => s.Length > 0,
            IList<object?> l => l.Count > 0,
            _ => false,
        };
}
