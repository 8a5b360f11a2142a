using System.Runtime.CompilerServices;

namespace Honeydipper.Core.Yaml;

/// <summary>
/// Remembers where each map and list read from YAML was written, and where each of a map's keys was,
/// without changing the plain data shapes the engine works on. Entries live as long as the data does.
/// </summary>
public static class SourceLocations
{
    private sealed class Entry(SourceLocation location)
    {
        public SourceLocation Location { get; } = location;

        public Dictionary<string, SourceLocation>? Keys { get; set; }
    }

    private static readonly ConditionalWeakTable<object, Entry> Table = new();

    public static void Set(object container, SourceLocation location)
    {
        ArgumentNullException.ThrowIfNull(container);
        Table.AddOrUpdate(container, new Entry(location));
    }

    public static void SetKey(object map, string key, SourceLocation location)
    {
        ArgumentNullException.ThrowIfNull(map);
        Entry entry = Table.GetValue(map, _ => new Entry(location));
        entry.Keys ??= new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        entry.Keys[key] = location;
    }

    /// <summary>Gives a copy of a map or list the locations of the original (its own and its keys').</summary>
    public static void Transfer(object from, object to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (Table.TryGetValue(from, out Entry? entry))
        {
            Table.AddOrUpdate(to, new Entry(entry.Location)
            {
                Keys = entry.Keys is null ? null : new Dictionary<string, SourceLocation>(entry.Keys, StringComparer.Ordinal),
            });
        }
    }

    /// <summary>The location of a map or list, or null when it was not read from a file.</summary>
    public static SourceLocation? Of(object? container) =>
        container is not null && Table.TryGetValue(container, out Entry? entry) ? entry.Location : null;

    /// <summary>The location of a key in a map, falling back to the map's own location.</summary>
    public static SourceLocation? OfKey(object? map, string key)
    {
        if (map is null || !Table.TryGetValue(map, out Entry? entry))
        {
            return null;
        }

        return entry.Keys is not null && entry.Keys.TryGetValue(key, out SourceLocation? location) ? location : entry.Location;
    }
}
