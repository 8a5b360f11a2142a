namespace Honeydipper.Core.Values;

/// <summary>
/// Helpers for Honeydipper's free-form data, the C# shape of Go's <c>interface{}</c> trees:
/// maps are <see cref="IDictionary{TKey,TValue}"/> of string to object? (created as <see cref="Dictionary{TKey,TValue}"/>),
/// lists are <see cref="IList{T}"/> of object? (created as <see cref="List{T}"/>), scalars are string, double (every number
/// read from YAML or JSON), int/long (counters the engine makes), bool, or null.
/// </summary>
public static class DataTree
{
    /// <summary>A deep copy of maps and lists; scalars are shared (they are immutable).</summary>
    public static object? DeepCopy(object? value) => value switch
    {
        IDictionary<string, object?> map => CopyMap(map),
        IList<object?> list => CopyList(list),
        _ => value,
    };

    public static Dictionary<string, object?> CopyMap(IDictionary<string, object?> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        Dictionary<string, object?> copy = new(map.Count, StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> pair in map)
        {
            copy[pair.Key] = DeepCopy(pair.Value);
        }

        return copy;
    }

    public static List<object?> CopyList(IList<object?> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        List<object?> copy = new(list.Count);
        foreach (object? item in list)
        {
            copy.Add(DeepCopy(item));
        }

        return copy;
    }
}
