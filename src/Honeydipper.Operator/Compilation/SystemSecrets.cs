namespace Honeydipper.Operator.Compilation;

/// <summary>
/// A System's <c>dataFrom</c>: the keys of Secrets merged into its data (the Secret's value wins over data), so that
/// tokens never sit in the System object. Messages name the Secret and the key, never a value.
/// </summary>
public static class SystemSecrets
{
    /// <summary>Merges every dataFrom source into <c>spec.data</c>.</summary>
    /// <returns>Null when all were merged; else what is missing and how to fix it.</returns>
    public static string? Merge(Dictionary<string, object?> spec, Func<string, IReadOnlyDictionary<string, string>?> secrets)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(secrets);
        if (!spec.TryGetValue("dataFrom", out object? value) || value is not IList<object?> sources)
        {
            return null;
        }

        Dictionary<string, object?> data = spec.TryGetValue("data", out object? d) && d is IDictionary<string, object?> existing
            ? Core.Values.DataTree.CopyMap(existing)
            : new Dictionary<string, object?>(StringComparer.Ordinal);
        for (int i = 0; i < sources.Count; i++)
        {
            if (sources[i] is not IDictionary<string, object?> source
                || !source.TryGetValue("secretRef", out object? r) || r is not IDictionary<string, object?> secretRef
                || !secretRef.TryGetValue("name", out object? n) || n is not string { Length: > 0 } secretName)
            {
                return $"spec.dataFrom[{i}].secretRef.name: required (the name of a Secret in this namespace)";
            }

            IReadOnlyDictionary<string, string>? secret = secrets(secretName);
            if (secret is null)
            {
                return $"spec.dataFrom[{i}]: Secret \"{secretName}\" not found in this namespace; create it, or remove this source";
            }

            string key = source.TryGetValue("key", out object? k) && k is string text ? text : string.Empty;
            if (key.Length > 0 && !secret.ContainsKey(key))
            {
                return $"spec.dataFrom[{i}].key: Secret \"{secretName}\" has no key \"{key}\" (it has: {string.Join(", ", secret.Keys.Order(StringComparer.Ordinal))})";
            }

            string path = source.TryGetValue("path", out object? p) && p is string dotted ? dotted : string.Empty;
            IDictionary<string, object?> target = data;
            foreach (string part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!target.TryGetValue(part, out object? next) || next is not IDictionary<string, object?> map)
                {
                    map = new Dictionary<string, object?>(StringComparer.Ordinal);
                    target[part] = map;
                }

                target = map;
            }

            foreach ((string name, string secretValue) in secret.Where(e => key.Length == 0 || e.Key == key))
            {
                target[name] = secretValue;
            }
        }

        spec["data"] = data;
        return null;
    }
}
