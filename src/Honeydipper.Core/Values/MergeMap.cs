namespace Honeydipper.Core.Values;

/// <summary>
/// Honeydipper's <c>MergeMap</c> (semantics §2.6): merges session data layers into a context map.
/// <list type="number">
/// <item>Deep merge with override: where both sides hold a map the maps merge recursively; anything else in the source
/// (lists, scalars, empty strings, false, 0, null, a value of another type) replaces the destination value.</item>
/// <item>Modifiers, applied afterwards to the whole destination tree: <c>key-</c> sets <c>key</c> only when it is absent
/// or null; <c>key+</c> appends (string concatenation, list append; sets when absent or null; a null value changes
/// nothing); <c>key*</c> replaces <c>key</c> outright. The modifier keys are removed.</item>
/// </list>
/// Ownership: <paramref name="dst"/> is changed in place and returned; <paramref name="src"/> is never changed and never
/// shared — every map and list taken from it is deep-copied, so later changes to either side cannot leak into the other
/// (Go's mergo shares them, which lets a later merge modify the source; we deliberately do not).
/// </summary>
public static class MergeMap
{
    /// <summary>Merges <paramref name="src"/> into <paramref name="dst"/> and applies the modifiers; returns dst.</summary>
    /// <exception cref="MergeException"><c>key+</c> with values that cannot be appended (a list onto a string...).</exception>
    public static IDictionary<string, object?> Merge(IDictionary<string, object?> dst, IDictionary<string, object?>? src)
    {
        ArgumentNullException.ThrowIfNull(dst);
        if (src is not null)
        {
            DeepMerge(dst, src);
        }

        ApplyModifiers(dst, string.Empty);
        return dst;
    }

    private static void DeepMerge(IDictionary<string, object?> dst, IDictionary<string, object?> src)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        foreach (KeyValuePair<string, object?> pair in src)
        {
            if (pair.Value is IDictionary<string, object?> srcMap
                && dst.TryGetValue(pair.Key, out object? existing)
                && existing is IDictionary<string, object?> dstMap
                && !ReferenceEquals(dstMap, srcMap))
            {
                DeepMerge(dstMap, srcMap);
            }
            else
            {
                dst[pair.Key] = DataTree.DeepCopy(pair.Value);
            }
        }
    }

    /// <summary>Applies the <c>- + *</c> modifiers of a map and of every map below it.</summary>
    public static void ApplyModifiers(IDictionary<string, object?> dst) => ApplyModifiers(dst, string.Empty);

    private static void ApplyModifiers(IDictionary<string, object?> dst, string path)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        // Keys are snapshotted: the map changes while its modifiers are applied.
        string[] keys = [.. dst.Keys];
        foreach (string key in keys)
        {
            if (key.Length > 1 && key[^1] == '-')
            {
                string target = key[..^1];
                if (!dst.TryGetValue(target, out object? existing) || existing is null)
                {
                    dst[target] = dst[key];
                }

                dst.Remove(key);
            }
        }

        foreach (string key in keys)
        {
            if (!dst.TryGetValue(key, out object? value))
            {
                continue;
            }

            if (key.Length > 1 && key[^1] == '+')
            {
                string target = key[..^1];
                dst.Remove(key);
                if (!dst.TryGetValue(target, out object? existing) || existing is null)
                {
                    dst[target] = value;
                }
                else if (value is string suffix)
                {
                    dst[target] = existing is string prefix
                        ? prefix + suffix
                        : throw new MergeException(
                            $"cannot append string to {GoTypes.TypeName(existing)} at {Join(path, target)} (modifier \"{key}\")");
                }
                else if (value is not null)
                {
                    dst[target] = Append(existing, value, Join(path, target), key);
                }
            }
            else if (key.Length > 1 && key[^1] == '*')
            {
                dst[key[..^1]] = value;
                dst.Remove(key);
            }
            else if (value is IDictionary<string, object?> child)
            {
                ApplyModifiers(child, Join(path, key));
            }
        }
    }

    private static List<object?> Append(object existing, object value, string path, string key)
    {
        if (existing is not IList<object?> head || value is not IList<object?> tail)
        {
            throw new MergeException(
                $"cannot append {GoTypes.TypeName(value)} to {GoTypes.TypeName(existing)} at {path} (modifier \"{key}\"): both must be lists");
        }

        List<object?> result = new(head.Count + tail.Count);
        result.AddRange(head);
        result.AddRange(tail);
        return result;
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;
}
