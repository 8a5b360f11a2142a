using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Values;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Config.Merging;

/// <summary>
/// How configuration files merge (mergo with override and append-slice, as the original calls it): nested maps merge,
/// lists append, a later scalar (even empty, false or 0) or null overrides, a later value of another type replaces.
/// Merge modifiers (<c>key+</c>, <c>key-</c>, <c>key*</c>) are kept as literal keys here; they mean something only when
/// data is merged into a session's context. Inputs are never modified; the result shares nothing with them, and
/// keeps the source locations of what it was made from, so that later messages can still name file and line.
/// </summary>
public static class ConfigMerge
{
    public static object? MergeValue(object? earlier, object? later)
    {
        if (earlier is IDictionary<string, object?> a && later is IDictionary<string, object?> b)
        {
            return MergeMaps(a, b);
        }

        if (earlier is IList<object?> x && later is IList<object?> y)
        {
            List<object?> joined = new(x.Count + y.Count);
            joined.AddRange(x.Select(Copy));
            joined.AddRange(y.Select(Copy));
            SourceLocations.Transfer(x, joined);
            return joined;
        }

        return Copy(later);
    }

    /// <summary>Deep merge of two maps; either may be null (absent).</summary>
    public static Dictionary<string, object?>? MergeMaps(IDictionary<string, object?>? earlier, IDictionary<string, object?>? later)
    {
        if (earlier is null)
        {
            return later is null ? null : CopyMap(later);
        }

        Dictionary<string, object?> result = CopyMap(earlier);
        if (later is null)
        {
            return result;
        }

        foreach ((string key, object? value) in later)
        {
            result[key] = result.TryGetValue(key, out object? existing) ? MergeValue(existing, value) : Copy(value);
            if (SourceLocations.OfKey(later, key) is { } location)
            {
                SourceLocations.SetKey(result, key, location);
            }
        }

        return result;
    }

    /// <summary>A deep copy that keeps source locations.</summary>
    public static object? Copy(object? value) => value switch
    {
        IDictionary<string, object?> map => CopyMap(map),
        IList<object?> list => CopyList(list),
        _ => value,
    };

    private static Dictionary<string, object?> CopyMap(IDictionary<string, object?> map)
    {
        Dictionary<string, object?> copy = new(map.Count, StringComparer.Ordinal);
        foreach ((string key, object? value) in map)
        {
            copy[key] = Copy(value);
        }

        SourceLocations.Transfer(map, copy);
        return copy;
    }

    private static List<object?> CopyList(IList<object?> list)
    {
        List<object?> copy = new(list.Count);
        copy.AddRange(list.Select(Copy));
        SourceLocations.Transfer(list, copy);
        return copy;
    }

    /// <summary>mergo on the Trigger struct: non-empty strings override, maps merge, meta is replaced when set.</summary>
    public static TriggerDefinition MergeTrigger(TriggerDefinition earlier, TriggerDefinition later) => earlier with
    {
        Driver = Pick(earlier.Driver, later.Driver),
        RawEvent = Pick(earlier.RawEvent, later.RawEvent),
        Match = MergeMaps(earlier.Match, later.Match),
        Parameters = MergeMaps(earlier.Parameters, later.Parameters),
        Source = new EventSource(Pick(earlier.Source.System, later.Source.System), Pick(earlier.Source.Trigger, later.Source.Trigger)),
        Export = MergeMaps(earlier.Export, later.Export),
        Description = Pick(earlier.Description, later.Description),
        Meta = later.Meta ?? earlier.Meta,
        Location = later.Location ?? earlier.Location,
    };

    /// <summary>mergo on the Function struct, as <see cref="MergeTrigger"/>.</summary>
    public static FunctionDefinition MergeFunction(FunctionDefinition earlier, FunctionDefinition later) => earlier with
    {
        Driver = Pick(earlier.Driver, later.Driver),
        RawAction = Pick(earlier.RawAction, later.RawAction),
        Parameters = MergeMaps(earlier.Parameters, later.Parameters),
        Target = new FunctionTarget(Pick(earlier.Target.System, later.Target.System), Pick(earlier.Target.Function, later.Target.Function)),
        Export = MergeMaps(earlier.Export, later.Export),
        ExportOnSuccess = MergeMaps(earlier.ExportOnSuccess, later.ExportOnSuccess),
        ExportOnFailure = MergeMaps(earlier.ExportOnFailure, later.ExportOnFailure),
        Description = Pick(earlier.Description, later.Description),
        Meta = later.Meta ?? earlier.Meta,
        Location = later.Location ?? earlier.Location,
    };

    /// <summary>The original's mergeSystem: triggers and functions merged per name, data deep-merged, extends appended.</summary>
    public static SystemDefinition MergeSystem(SystemDefinition earlier, SystemDefinition later)
    {
        Dictionary<string, TriggerDefinition> triggers = new(earlier.Triggers, StringComparer.Ordinal);
        foreach ((string name, TriggerDefinition trigger) in later.Triggers)
        {
            triggers[name] = triggers.TryGetValue(name, out TriggerDefinition? existing) ? MergeTrigger(existing, trigger) : trigger;
        }

        Dictionary<string, FunctionDefinition> functions = new(earlier.Functions, StringComparer.Ordinal);
        foreach ((string name, FunctionDefinition function) in later.Functions)
        {
            functions[name] = functions.TryGetValue(name, out FunctionDefinition? existing) ? MergeFunction(existing, function) : function;
        }

        return new SystemDefinition
        {
            Data = MergeMaps(earlier.Data, later.Data),
            Triggers = triggers,
            Functions = functions,
            Extends = [.. earlier.Extends, .. later.Extends],
            Description = Pick(earlier.Description, later.Description),
            Meta = later.Meta ?? earlier.Meta,
            Location = earlier.Location ?? later.Location,
        };
    }

    private static string Pick(string earlier, string later) => later.Length > 0 ? later : earlier;
}
