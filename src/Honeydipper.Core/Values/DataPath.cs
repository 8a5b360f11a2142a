using System.Globalization;

namespace Honeydipper.Core.Values;

/// <summary>
/// Honeydipper's <c>GetMapData</c>: follows a dotted path (<c>ctx.items.0.name</c>) through maps (by key) and lists (by
/// decimal index). A path that ends on a null value counts as not found, as in Go.
/// </summary>
public static class DataPath
{
    /// <summary>Looks the path up; false when a step is missing, out of range, or passes through a scalar or null.</summary>
    public static bool TryGet(object? from, string path, out object? value) => TryGet(from, path.AsSpan(), out value);

    /// <summary>Looks the path up without allocating for maps made as <see cref="Dictionary{TKey,TValue}"/>.</summary>
    public static bool TryGet(object? from, ReadOnlySpan<char> path, out object? value)
    {
        value = null;
        object? current = from;
        if (current is null)
        {
            return false;
        }

        while (true)
        {
            int dot = path.IndexOf('.');
            ReadOnlySpan<char> component = dot < 0 ? path : path[..dot];
            if (!TryStep(current, component, out current) || current is null)
            {
                return false;
            }

            if (dot < 0)
            {
                value = current;
                return true;
            }

            path = path[(dot + 1)..];
        }
    }

    private static bool TryStep(object current, ReadOnlySpan<char> component, out object? next)
    {
        switch (current)
        {
            case Dictionary<string, object?> dictionary:
                if (dictionary.TryGetAlternateLookup(out Dictionary<string, object?>.AlternateLookup<ReadOnlySpan<char>> lookup))
                {
                    return lookup.TryGetValue(component, out next);
                }

                return dictionary.TryGetValue(component.ToString(), out next);
            case IDictionary<string, object?> map:
                return map.TryGetValue(component.ToString(), out next);
            case IReadOnlyDictionary<string, object?> map:
                return map.TryGetValue(component.ToString(), out next);
            case IList<object?> list:
                // Go's strconv.Atoi: an optional sign, decimal digits.
                if (int.TryParse(component, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int index)
                    && index >= 0 && index < list.Count)
                {
                    next = list[index];
                    return true;
                }

                break;
        }

        next = null;
        return false;
    }
}
