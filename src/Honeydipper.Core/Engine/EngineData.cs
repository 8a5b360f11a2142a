using Honeydipper.Core.Values;

namespace Honeydipper.Core.Engine;

/// <summary>The data operations the engine needs, in one place, with the original's names.</summary>
internal static class EngineData
{
    public static readonly IDictionary<string, object?> EmptyMap = new Dictionary<string, object?>(StringComparer.Ordinal).AsReadOnly();

    /// <summary>
    /// Honeydipper's MergeMap: <paramref name="src"/> merged into <paramref name="dst"/> with the <c>+ - *</c> modifiers
    /// (semantics §2.6). Returns the merged map (<paramref name="dst"/> itself, or a new map when it is null); values
    /// taken from <paramref name="src"/> are copied, so the two never share nested maps.
    /// </summary>
    public static Dictionary<string, object?> MergeMap(Dictionary<string, object?>? dst, IDictionary<string, object?>? src)
    {
        dst ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        if (src is null || src.Count == 0)
        {
            return dst;
        }

        Values.MergeMap.Merge(dst, src); // copies what it takes from src
        return dst;
    }

    /// <summary>A map value at a dotted path (<c>hooks.on_exit</c>), or null.</summary>
    public static object? Get(IDictionary<string, object?>? map, string key1, string key2) =>
        map is not null && map.TryGetValue(key1, out object? inner) && inner is IDictionary<string, object?> m && m.TryGetValue(key2, out object? value) ? value : null;

    public static Dictionary<string, object?> Map() => new(StringComparer.Ordinal);

    public static Dictionary<string, object?> AsMap(object? value, string what) => value switch
    {
        null => Map(),
        Dictionary<string, object?> d => d,
        IDictionary<string, object?> m => new Dictionary<string, object?>(m, StringComparer.Ordinal),
        _ => throw new WorkflowException($"{what} must be a map, not {Describe(value)}"),
    };

    public static string Describe(object? value) => value switch
    {
        null => "nothing",
        string s => $"the text \"{(s.Length > 40 ? s[..40] + "..." : s)}\"",
        IDictionary<string, object?> => "a map",
        IList<object?> => "a list",
        bool b => b ? "true" : "false",
        _ => value.ToString() ?? value.GetType().Name,
    };
}
