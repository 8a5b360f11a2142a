using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Engine.Rules;
using Honeydipper.Drivers;

namespace Honeydipper.Cli.Local;

/// <summary>
/// The drivers a configuration needs, by name and built-in type: those it configures under <c>drivers</c>, those its
/// rules listen to and those its workflows and functions call. Honeydipper's own plumbing drivers (the Redis queue,
/// pub/sub, lock and cache) that are only configured are left out: the bus takes their place. The cache and lock
/// drivers that a workflow does call (redis-cache, redislock) run as the redis driver.
/// </summary>
internal static class DriverSet
{
    private static readonly HashSet<string> Plumbing = new(StringComparer.Ordinal) { "daemon", "redisqueue", "redispubsub", "redislock", "redis-cache", "api-broadcast" };

    public static SortedDictionary<string, string> Find(HoneydipperConfig config, RuleIndex rules)
    {
        HashSet<string> names = new(StringComparer.Ordinal);
        names.UnionWith(rules.Rules.Select(r => r.Trigger.Raw.Driver));
        names.UnionWith(config.Systems.Values.SelectMany(s => s.Functions.Values).Select(f => f.Driver).Where(d => d.Length > 0));
        foreach (WorkflowDefinition w in config.Workflows.Values.Concat(config.Rules.Select(r => r.Do)))
        {
            Collect(w, names);
        }

        names.UnionWith(config.Drivers.Keys.Where(n => !Plumbing.Contains(n)));
        SortedDictionary<string, string> drivers = new(StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (BuiltinDrivers.Resolve(TypeOf(config, name)) is { } type)
            {
                drivers[name] = type;
            }
        }

        return drivers;
    }

    /// <summary>A driver's type: its <c>handlerData.shortName</c> in the daemon's driver list, else its name.</summary>
    public static string TypeOf(HoneydipperConfig config, string name)
    {
        if (config.Drivers.TryGetValue("daemon", out object? d) && d is IDictionary<string, object?> daemon &&
            daemon.TryGetValue("drivers", out object? ds) && ds is IDictionary<string, object?> meta &&
            meta.TryGetValue(name, out object? m) && m is IDictionary<string, object?> entry &&
            entry.TryGetValue("handlerData", out object? h) && h is IDictionary<string, object?> handler &&
            handler.TryGetValue("shortName", out object? shortName) && shortName is string { Length: > 0 } type)
        {
            return type;
        }

        return name;
    }

    private static void Collect(WorkflowDefinition w, HashSet<string> names)
    {
        if (w.CallDriver.Length > 0 && !w.CallDriver.Contains('$', StringComparison.Ordinal) && !w.CallDriver.Contains("{{", StringComparison.Ordinal))
        {
            names.Add(w.CallDriver.Split('.')[0]);
        }

        if (w.Function.Driver.Length > 0)
        {
            names.Add(w.Function.Driver);
        }

        foreach (WorkflowDefinition child in w.Steps.Concat(w.Threads).Concat(w.Cases?.Values ?? []).Append(w.Else).Append(w.Default).OfType<WorkflowDefinition>())
        {
            Collect(child, names);
        }
    }
}
