using System.Text.RegularExpressions;

namespace Honeydipper.Core.Matching;

/// <summary>
/// One compiled piece of a match skeleton. Each node answers the two questions Go's condition.go asks of a criteria
/// value: does it match a string (<c>Compare</c>), and does it match a map (<c>CompareMap</c>).
/// </summary>
internal abstract class CriteriaNode
{
    /// <summary>A rough cost of evaluating the node, so that cheap checks of a map run before regexes.</summary>
    public virtual int Cost => 1;

    public abstract bool MatchString(string actual);

    public abstract bool MatchMap(object map);

    /// <summary>Go's <c>CompareAll(actual, criteria)</c>.</summary>
    public bool MatchAll(object? actual)
    {
        switch (actual)
        {
            case string text:
                return MatchString(text);
            case IList<object?> list:
                return MatchList(list);
            case IDictionary<string, object?> or IReadOnlyDictionary<string, object?>:
                return MatchMap(actual);
            default:
                // nil, numbers and bools never match (only a null criteria, handled by NilNode).
                return this is NilNode;
        }
    }

    protected virtual bool MatchList(IList<object?> list)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (MatchAll(list[i]))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A null criteria: imposes nothing.</summary>
internal sealed class NilNode : CriteriaNode
{
    public static readonly NilNode Instance = new();

    public override bool MatchString(string actual) => true;

    public override bool MatchMap(object map) => true;

    protected override bool MatchList(IList<object?> list) => true;
}

internal sealed class StringNode(string value) : CriteriaNode
{
    public string Value { get; } = value;

    public override bool MatchString(string actual) => string.Equals(actual, Value, StringComparison.Ordinal);

    public override bool MatchMap(object map) => false;
}

internal sealed class RegexNode(Regex regex) : CriteriaNode
{
    public override int Cost => 20;

    public override bool MatchString(string actual) => regex.IsMatch(actual);

    public override bool MatchMap(object map) => false;
}

/// <summary>Numbers, bools and other values: never match anything (semantics §4 QUIRK).</summary>
internal sealed class OtherNode : CriteriaNode
{
    public static readonly OtherNode Instance = new();

    public override bool MatchString(string actual) => false;

    public override bool MatchMap(object map) => false;
}

/// <summary>A list: any-of for strings and maps; with a leading <c>:all:</c>, every element of an actual list must match.</summary>
internal sealed class ListNode(CriteriaNode[] items, CriteriaNode? allTarget) : CriteriaNode
{
    public override int Cost { get; } = 1 + items.Sum(i => i.Cost);

    public override bool MatchString(string actual)
    {
        foreach (CriteriaNode item in items)
        {
            if (item.MatchString(actual))
            {
                return true;
            }
        }

        return false;
    }

    public override bool MatchMap(object map)
    {
        if (items.Length == 0)
        {
            return true;
        }

        foreach (CriteriaNode item in items)
        {
            if (item.MatchMap(map))
            {
                return true;
            }
        }

        return false;
    }

    protected override bool MatchList(IList<object?> list)
    {
        if (allTarget is null)
        {
            return base.MatchList(list);
        }

        for (int i = 0; i < list.Count; i++)
        {
            if (!allTarget.MatchAll(list[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Go's <c>CompareAll(keys, criteria)</c> over a map's keys, without making the key list.</summary>
    public bool MatchKeys(object map)
    {
        if (allTarget is not null)
        {
            return MapKeys.All(map, allTarget);
        }

        return MapKeys.Any(map, this);
    }
}

/// <summary>A map skeleton: every entry must hold.</summary>
internal sealed class MapNode(MapEntry[] entries) : CriteriaNode
{
    public override int Cost { get; } = 1 + entries.Sum(e => e.Cost);

    public override bool MatchString(string actual) => false;

    public override bool MatchMap(object map)
    {
        foreach (MapEntry entry in entries)
        {
            if (!entry.Holds(map))
            {
                return false;
            }
        }

        return true;
    }
}

internal enum EntryKind
{
    Key,
    Present,
    Absent,
    Except,
}

internal sealed class MapEntry(EntryKind kind, string key, bool negate, CriteriaNode criteria)
{
    public int Cost => criteria.Cost + (kind == EntryKind.Key ? 0 : 5);

    public bool Holds(object map)
    {
        switch (kind)
        {
            case EntryKind.Present:
                return KeysMatch(map);
            case EntryKind.Absent:
                return !KeysMatch(map);
            case EntryKind.Except:
                return !criteria.MatchMap(map);
            default:
                bool match = MapKeys.TryGet(map, key, out object? value) && criteria.MatchAll(value);
                return match != negate;
        }
    }

    private bool KeysMatch(object map) => criteria switch
    {
        NilNode => true,
        ListNode list => list.MatchKeys(map),
        _ => MapKeys.Any(map, criteria),
    };
}

/// <summary>Key enumeration and lookup over our map types without allocating for <see cref="Dictionary{TKey,TValue}"/>.</summary>
internal static class MapKeys
{
    public static bool TryGet(object map, string key, out object? value)
    {
        switch (map)
        {
            case IDictionary<string, object?> d:
                return d.TryGetValue(key, out value);
            case IReadOnlyDictionary<string, object?> r:
                return r.TryGetValue(key, out value);
            default:
                value = null;
                return false;
        }
    }

    public static bool Any(object map, CriteriaNode node)
    {
        if (map is Dictionary<string, object?> dictionary)
        {
            foreach (string key in dictionary.Keys)
            {
                if (node.MatchString(key))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (string key in Keys(map))
        {
            if (node.MatchString(key))
            {
                return true;
            }
        }

        return false;
    }

    public static bool All(object map, CriteriaNode node)
    {
        if (map is Dictionary<string, object?> dictionary)
        {
            foreach (string key in dictionary.Keys)
            {
                if (!node.MatchAll(key))
                {
                    return false;
                }
            }

            return true;
        }

        foreach (string key in Keys(map))
        {
            if (!node.MatchAll(key))
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<string> Keys(object map) => map switch
    {
        IDictionary<string, object?> d => d.Keys,
        IReadOnlyDictionary<string, object?> r => r.Keys,
        _ => [],
    };
}
