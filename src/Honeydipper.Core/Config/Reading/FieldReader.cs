using Honeydipper.Core.Values;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Config.Reading;

/// <summary>
/// Reads the fields of one map the way Go's encoding/json fills a struct: names match case-insensitively, the last
/// matching key in document order wins, unknown keys are ignored (and remembered, so that they can be reported).
/// Scalars read into string fields are turned into text as ghodss/yaml does (true → "true", 10 → "10").
/// </summary>
internal sealed class FieldReader
{
    private readonly IDictionary<string, object?> _map;
    private readonly Dictionary<string, List<string>> _keysByFolded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _order = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

    public FieldReader(IDictionary<string, object?> map, string path)
    {
        _map = map;
        Path = path;
        foreach (string key in map.Keys)
        {
            string folded = key.ToLowerInvariant();
            if (!_keysByFolded.TryGetValue(folded, out List<string>? keys))
            {
                _keysByFolded[folded] = keys = [];
            }

            keys.Add(key);
            _order[key] = _order.Count;
        }
    }

    /// <summary>The field path of this map, e.g. <c>workflows.notify</c>.</summary>
    public string Path { get; }

    public SourceLocation? Location => SourceLocations.Of(_map);

    /// <summary>Every field name a read asked for: the keys this map may hold.</summary>
    public IReadOnlyCollection<string> AskedNames => _asked;

    /// <summary>Keys that no read asked for, in document order.</summary>
    public IEnumerable<string> UnknownKeys => _map.Keys.Where(k => !_used.Contains(k));

    /// <summary>
    /// Finds the value of a field known by any of the names (lower case); false when absent. When several spellings
    /// are present, the one written last wins, as a later JSON key overwrites an earlier one.
    /// </summary>
    public bool TryGet(ReadOnlySpan<string> names, out object? value, out string key)
    {
        string? found = null;
        foreach (string name in names)
        {
            _asked.Add(name);
            if (!_keysByFolded.TryGetValue(name, out List<string>? keys))
            {
                continue;
            }

            foreach (string actual in keys)
            {
                _used.Add(actual);
                if (found is null || _order[actual] > _order[found])
                {
                    found = actual;
                }
            }
        }

        key = found ?? names[0];
        value = found is null ? null : _map[found];
        return found is not null;
    }

    public object? Any(params ReadOnlySpan<string> names) => TryGet(names, out object? value, out _) ? value : null;

    public string String(params ReadOnlySpan<string> names)
    {
        if (!TryGet(names, out object? value, out string key))
        {
            return string.Empty;
        }

        return value switch
        {
            null => string.Empty,
            string text => text,
            bool flag => flag ? "true" : "false",
            double number => ScalarText(number),
            int or long => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
            _ => throw Error(key, $"must be a string, not {Describe(value)}"),
        };
    }

    public IReadOnlyList<string>? StringList(params ReadOnlySpan<string> names)
    {
        if (!TryGet(names, out object? value, out string key) || value is null)
        {
            return null;
        }

        if (value is not IList<object?> list)
        {
            throw Error(key, $"must be a list of strings, not {Describe(value)}");
        }

        List<string> result = new(list.Count);
        for (int i = 0; i < list.Count; i++)
        {
            result.Add(list[i] switch
            {
                null => string.Empty,
                string text => text,
                bool flag => flag ? "true" : "false",
                double number => ScalarText(number),
                _ => throw Error($"{key}[{i}]", $"must be a string, not {Describe(list[i])}"),
            });
        }

        return result;
    }

    public IDictionary<string, object?>? Map(params ReadOnlySpan<string> names)
    {
        if (!TryGet(names, out object? value, out string key) || value is null)
        {
            return null;
        }

        return value as IDictionary<string, object?> ?? throw Error(key, $"must be a map, not {Describe(value)}");
    }

    public bool Bool(params ReadOnlySpan<string> names)
    {
        if (!TryGet(names, out object? value, out string key) || value is null)
        {
            return false;
        }

        return value switch
        {
            bool flag => flag,
            string text when bool.TryParse(text.Trim(), out bool parsed) => parsed,
            _ => throw Error(key, $"must be true or false, not {Describe(value)}"),
        };
    }

    public ConfigException Error(string key, string reason) =>
        new(SourceLocations.OfKey(_map, key.Split('[')[0]) ?? Location, Join(Path, key), reason);

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>How a value is named in messages: "a map", "a list", "the number 3".</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        string => "a string",
        bool flag => flag ? "true" : "false",
        double number => "the number " + GoFormat.FormatFloat(number),
        IDictionary<string, object?> => "a map",
        IList<object?> => "a list",
        _ => "a " + value.GetType().Name,
    };

    /// <summary>ghodss/yaml writes a number that lands in a string field with strconv's shortest 32-bit form.</summary>
    private static string ScalarText(double number) =>
        number == Math.Floor(number) && Math.Abs(number) < 1e15
            ? ((long)number).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : GoFormat.FormatFloat32((float)number);
}
