namespace Honeydipper.Core.Values;

/// <summary>
/// Helpers for Honeydipper's free-form data, the C# shape of Go's <c>interface{}</c> trees:
/// maps are <see cref="IDictionary{TKey,TValue}"/> of string to object? (created as <see cref="Dictionary{TKey,TValue}"/>),
/// lists are <see cref="IList{T}"/> of object? (created as <see cref="List{T}"/>), scalars are string, double (every number
/// read from YAML or JSON), int/long (counters the engine makes), bool, or null.
/// </summary>
public static class DataTree
{
    /// <summary>
    /// Deeper data than this is refused: it is almost surely a map that contains itself (a template can
    /// <c>set</c> one into itself), and copying it would exhaust the stack and take the process down.
    /// </summary>
    public const int MaxDepth = 512;

    /// <summary>A deep copy of maps and lists; scalars are shared (they are immutable).</summary>
    /// <exception cref="InvalidOperationException">The data nests deeper than <see cref="MaxDepth"/>.</exception>
    public static object? DeepCopy(object? value) => Copy(value, 0);

    /// <exception cref="InvalidOperationException">The data nests deeper than <see cref="MaxDepth"/>.</exception>
    public static Dictionary<string, object?> CopyMap(IDictionary<string, object?> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return CopyMap(map, 0);
    }

    /// <exception cref="InvalidOperationException">The data nests deeper than <see cref="MaxDepth"/>.</exception>
    public static List<object?> CopyList(IList<object?> list)
    {
        ArgumentNullException.ThrowIfNull(list);
        return CopyList(list, 0);
    }

    private static object? Copy(object? value, int depth) => value switch
    {
        IDictionary<string, object?> map => CopyMap(map, depth + 1),
        IList<object?> list => CopyList(list, depth + 1),
        _ => value,
    };

    private static Dictionary<string, object?> CopyMap(IDictionary<string, object?> map, int depth)
    {
        Guard(depth);
        Dictionary<string, object?> copy = new(map.Count, StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> pair in map)
        {
            copy[pair.Key] = Copy(pair.Value, depth);
        }

        return copy;
    }

    private static List<object?> CopyList(IList<object?> list, int depth)
    {
        Guard(depth);
        List<object?> copy = new(list.Count);
        foreach (object? item in list)
        {
            copy.Add(Copy(item, depth));
        }

        return copy;
    }

    private static void Guard(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"data nested deeper than {MaxDepth} levels (does a map contain itself?)");
        }
    }
}
