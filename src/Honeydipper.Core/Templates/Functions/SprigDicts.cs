using Honeydipper.Core.Values;
using static Honeydipper.Core.Templates.Functions.Fn;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>
/// sprig's dict functions. <c>set</c> and <c>unset</c> change the map in place (configurations rely on it:
/// <c>$_ := set $m "k" v</c>); <c>merge</c> and <c>mergeOverwrite</c> merge into the first map, as mergo v0.3.11 does.
/// <c>keys</c> and <c>values</c> come in sorted key order (Go's order is random, so no configuration can depend on it).
/// </summary>
internal static class SprigDicts
{
    public static IEnumerable<TemplateFunction> All()
    {
        TemplateFunction merge = V("merge", [M], M, a => Merge(a, overwrite: false));
        TemplateFunction mergeOverwrite = V("mergeOverwrite", [M], M, a => Merge(a, overwrite: true));
        return
        [
            V("dict", [], A, Dict),
            F("get", [M, S], a => Map(a[0]) is { } m && m.TryGetValue((string)a[1]!, out object? v) ? v : string.Empty),
            F("set", [M, S, A], a => Set(a[0], (string)a[1]!, a[2])),
            F("unset", [M, S], a => Unset(a[0], (string)a[1]!)),
            F("hasKey", [M, S], a => Map(a[0])?.ContainsKey((string)a[1]!) ?? false),
            V("pluck", [S], M, a => Pluck((string)a[0]!, a[1..])),
            V("keys", [], M, Keys),
            V("pick", [M], S, a => Pick(a[0], a[1..], keep: true)),
            V("omit", [M], S, a => Pick(a[0], a[1..], keep: false)),
            .. Aliases(merge, "merge", "mustMerge"),
            .. Aliases(mergeOverwrite, "mergeOverwrite", "mustMergeOverwrite"),
            F("values", [M], a => Values(a[0])),
            V("dig", [], A, Dig),
        ];
    }

    private static IDictionary<string, object?>? Map(object? v) => v as IDictionary<string, object?>;

    private static Dictionary<string, object?> Dict(object?[] a)
    {
        Dictionary<string, object?> dict = new(StringComparer.Ordinal);
        for (int i = 0; i < a.Length; i += 2)
        {
            string key = Cast.StrVal(a[i]);
            dict[key] = i + 1 < a.Length ? a[i + 1] : string.Empty;
        }

        return dict;
    }

    private static IDictionary<string, object?> Set(object? map, string key, object? value)
    {
        IDictionary<string, object?> d = Map(map) ?? throw new InvalidOperationException("assignment to entry in nil map");
        d[key] = value;
        return d;
    }

    private static IDictionary<string, object?>? Unset(object? map, string key)
    {
        Map(map)?.Remove(key);
        return Map(map);
    }

    private static List<object?> Pluck(string key, object?[] dicts) =>
        [.. dicts.Select(Map).Where(d => d is not null && d.ContainsKey(key)).Select(d => d![key])];

    private static GoTypedList Keys(object?[] dicts)
    {
        GoTypedList keys = new("string");
        foreach (IDictionary<string, object?>? d in dicts.Select(Map))
        {
            if (d is not null)
            {
                keys.AddRange(GoValueFormatter.SortedKeys(d.Keys));
            }
        }

        return keys;
    }

    private static List<object?> Values(object? map)
    {
        IDictionary<string, object?>? d = Map(map);
        return d is null ? [] : [.. GoValueFormatter.SortedKeys(d.Keys).Select(k => d[k])];
    }

    private static Dictionary<string, object?> Pick(object? map, object?[] keys, bool keep)
    {
        IDictionary<string, object?>? d = Map(map);
        Dictionary<string, object?> result = new(StringComparer.Ordinal);
        if (d is null)
        {
            return result;
        }

        HashSet<string> named = new(keys.Cast<string>(), StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> pair in d)
        {
            if (named.Contains(pair.Key) == keep)
            {
                result[pair.Key] = pair.Value;
            }
        }

        return result;
    }

    private static object? Dig(object?[] ps)
    {
        if (ps.Length < 3)
        {
            throw new InvalidOperationException("dig needs at least three arguments");
        }

        IDictionary<string, object?> dict = ps[^1] as IDictionary<string, object?> ?? throw new InvalidOperationException(
            $"interface conversion: interface {{}} is {GoTypes.TypeName(ps[^1])}, not map[string]interface {{}}");
        object? def = ps[^2];
        for (int i = 0; i < ps.Length - 2; i++)
        {
            string key = ps[i] as string ?? throw new InvalidOperationException(
                $"interface conversion: interface {{}} is {GoTypes.TypeName(ps[i])}, not string");
            if (!dict.TryGetValue(key, out object? step))
            {
                return def;
            }

            if (i == ps.Length - 3)
            {
                return step;
            }

            dict = step as IDictionary<string, object?> ?? throw new InvalidOperationException(
                $"interface conversion: interface {{}} is {GoTypes.TypeName(step)}, not map[string]interface {{}}");
        }

        return def;
    }

    /// <summary>mergo v0.3.11's Merge (and MergeWithOverwrite) of each source into the first map, which is returned.</summary>
    private static IDictionary<string, object?> Merge(object?[] maps, bool overwrite)
    {
        IDictionary<string, object?> dst = Map(maps[0]) ?? new Dictionary<string, object?>(StringComparer.Ordinal);
        for (int i = 1; i < maps.Length; i++)
        {
            if (Map(maps[i]) is { } src)
            {
                MergeInto(dst, src, overwrite, 0);
            }
        }

        return dst;
    }

    private static void MergeInto(IDictionary<string, object?> dst, IDictionary<string, object?> src, bool overwrite, int depth)
    {
        if (depth > 1000)
        {
            return;
        }

        foreach (KeyValuePair<string, object?> pair in src)
        {
            object? sv = pair.Value;
            bool present = dst.TryGetValue(pair.Key, out object? dv);
            if (sv is null)
            {
                if (overwrite)
                {
                    dst[pair.Key] = null;
                }

                continue;
            }

            if (sv is IDictionary<string, object?> srcMap && dv is IDictionary<string, object?> dstMap)
            {
                MergeInto(dstMap, srcMap, overwrite, depth + 1);
                continue;
            }

            bool dstEmpty = !present || SprigDefaults.Empty(dv);
            if (sv is IDictionary<string, object?> or IList<object?>)
            {
                // A map or list from the source lands only where the destination is empty; a list also replaces when
                // overwriting (mergo sets it before deciding).
                if (dstEmpty || (overwrite && sv is IList<object?>))
                {
                    dst[pair.Key] = sv;
                }

                continue;
            }

            if (overwrite || dstEmpty)
            {
                dst[pair.Key] = sv;
            }
        }
    }
}
