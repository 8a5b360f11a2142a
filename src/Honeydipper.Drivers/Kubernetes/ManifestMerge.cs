namespace Honeydipper.Drivers.Kubernetes;

/// <summary>
/// The original's <c>mergo.Merge(dst, src, WithOverride, WithAppendSlice)</c> on manifests as data: maps merge key by
/// key, lists are appended, anything else in <c>src</c> replaces what <c>dst</c> has (an empty value does not).
/// </summary>
internal static class ManifestMerge
{
    public static object? Merge(object? dst, object? src) => (dst, src) switch
    {
        (IDictionary<string, object?> d, IDictionary<string, object?> s) => MergeMaps(d, s),
        (IList<object?> d, IList<object?> s) => d.Concat(s).ToList(),
        (_, null) => dst,
        (_, string { Length: 0 }) when dst is not null => dst,
        _ => src,
    };

    private static Dictionary<string, object?> MergeMaps(IDictionary<string, object?> dst, IDictionary<string, object?> src)
    {
        Dictionary<string, object?> merged = new(dst, StringComparer.Ordinal);
        foreach ((string key, object? value) in src)
        {
            merged[key] = merged.TryGetValue(key, out object? existing) ? Merge(existing, value) : value;
        }

        return merged;
    }
}
