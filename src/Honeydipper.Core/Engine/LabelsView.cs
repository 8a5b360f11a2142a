using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Honeydipper.Core.Engine;

/// <summary>A message's string labels seen as a read-only data map, so templates read <c>.labels.status</c> without a copy.</summary>
internal sealed class LabelsView(Dictionary<string, string> labels) : IDictionary<string, object?>, IReadOnlyDictionary<string, object?>
{
    public int Count => labels.Count;

    public bool IsReadOnly => true;

    public ICollection<string> Keys => labels.Keys;

    public ICollection<object?> Values => [.. labels.Values];

    IEnumerable<string> IReadOnlyDictionary<string, object?>.Keys => labels.Keys;

    IEnumerable<object?> IReadOnlyDictionary<string, object?>.Values => labels.Values;

    public object? this[string key]
    {
        get => labels[key];
        set => throw ReadOnly();
    }

    public bool ContainsKey(string key) => labels.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        bool found = labels.TryGetValue(key, out string? text);
        value = text;
        return found;
    }

    public bool Contains(KeyValuePair<string, object?> item) => labels.TryGetValue(item.Key, out string? v) && Equals(v, item.Value);

    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        foreach (KeyValuePair<string, string> pair in labels)
        {
            array[arrayIndex++] = new KeyValuePair<string, object?>(pair.Key, pair.Value);
        }
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        foreach (KeyValuePair<string, string> pair in labels)
        {
            yield return new KeyValuePair<string, object?>(pair.Key, pair.Value);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Add(string key, object? value) => throw ReadOnly();

    public void Add(KeyValuePair<string, object?> item) => throw ReadOnly();

    public bool Remove(string key) => throw ReadOnly();

    public bool Remove(KeyValuePair<string, object?> item) => throw ReadOnly();

    public void Clear() => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("message labels cannot be changed from a template");
}
