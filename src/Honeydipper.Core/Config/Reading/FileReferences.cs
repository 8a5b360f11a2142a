using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Config.Reading;

/// <summary>
/// Replaces <c>@:relative/path</c> strings with the content of the file they name, in the parts of a file the original
/// looks at (systems, rules and workflows). The tree is freshly parsed and owned by the caller, so it is changed in place.
/// </summary>
internal static class FileReferences
{
    private static readonly string[] Sections = ["systems", "rules", "workflows"];

    /// <summary>Replaces every reference it can; returns the first failure (naming the key that held it), or null.</summary>
    public static ConfigException? Resolve(object? root, Func<string, string> readRelative)
    {
        if (root is not IDictionary<string, object?> map)
        {
            return null;
        }

        ConfigException? failure = null;
        foreach (string key in map.Keys.ToList())
        {
            if (Sections.Contains(key.ToLowerInvariant()))
            {
                map[key] = Walk(map[key], map, key, key, readRelative, ref failure);
            }
        }

        return failure;
    }

    private static object? Walk(object? value, object parent, string key, string path, Func<string, string> read, ref ConfigException? failure)
    {
        switch (value)
        {
            case string text when text.Length > 2 && text.StartsWith("@:", StringComparison.Ordinal):
                try
                {
                    return read(text[2..]);
                }
                catch (ConfigException ex)
                {
                    failure ??= new ConfigException(SourceLocations.OfKey(parent, key) ?? SourceLocations.Of(parent), path, ex.Reason, ex);
                    return value;
                }

            case IDictionary<string, object?> map:
                foreach (string k in map.Keys.ToList())
                {
                    map[k] = Walk(map[k], map, k, $"{path}.{k}", read, ref failure);
                }

                return map;
            case IList<object?> list:
                for (int i = 0; i < list.Count; i++)
                {
                    list[i] = Walk(list[i], list, key, $"{path}[{i}]", read, ref failure);
                }

                return list;
            default:
                return value;
        }
    }
}
