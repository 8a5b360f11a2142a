using System.Globalization;

namespace Honeydipper.Bus.Redis;

/// <summary>A Redis stream entry id, <c>&lt;milliseconds&gt;-&lt;sequence&gt;</c>, comparable.</summary>
internal readonly record struct StreamEntryId(ulong Milliseconds, ulong Sequence) : IComparable<StreamEntryId>
{
    public static StreamEntryId Parse(string id)
    {
        int dash = id.IndexOf('-', StringComparison.Ordinal);
        return dash < 0
            ? new StreamEntryId(ulong.Parse(id, CultureInfo.InvariantCulture), 0)
            : new StreamEntryId(ulong.Parse(id.AsSpan(0, dash), CultureInfo.InvariantCulture), ulong.Parse(id.AsSpan(dash + 1), CultureInfo.InvariantCulture));
    }

    public static StreamEntryId Min(StreamEntryId a, StreamEntryId b) => a.CompareTo(b) <= 0 ? a : b;

    public int CompareTo(StreamEntryId other) => Milliseconds != other.Milliseconds ? Milliseconds.CompareTo(other.Milliseconds) : Sequence.CompareTo(other.Sequence);

    public override string ToString() => $"{Milliseconds}-{Sequence}";
}
