using Honeydipper.Bus.Protocol;

namespace Honeydipper.Bus;

/// <summary>
/// Writes that must happen together or not at all: the engine saves a turn (its sessions, the commands it sends and
/// the acknowledgements of the messages it handled) as one batch, so that a crash leaves the whole turn or none of it.
/// </summary>
public sealed class BusBatch
{
    private readonly List<(StreamName Stream, BusMessage Message)> _publishes = [];
    private readonly List<(StreamName Stream, string Group, string EntryId)> _acks = [];
    private readonly List<(string Key, string Field, string Value)> _hashSets = [];
    private readonly List<(string Key, string Field)> _hashDeletes = [];
    private readonly List<(string Key, string Value, TimeSpan? TimeToLive)> _values = [];

    public IReadOnlyList<(StreamName Stream, BusMessage Message)> Publishes => _publishes;

    public IReadOnlyList<(StreamName Stream, string Group, string EntryId)> Acks => _acks;

    public IReadOnlyList<(string Key, string Field, string Value)> HashSets => _hashSets;

    public IReadOnlyList<(string Key, string Field)> HashDeletes => _hashDeletes;

    public IReadOnlyList<(string Key, string Value, TimeSpan? TimeToLive)> Values => _values;

    public bool IsEmpty => _publishes.Count == 0 && _acks.Count == 0 && _hashSets.Count == 0 && _hashDeletes.Count == 0 && _values.Count == 0;

    public void Publish(StreamName stream, BusMessage message) => _publishes.Add((stream, message));

    public void Ack(IBusSubscription subscription, BusDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(delivery);
        _acks.Add((subscription.Stream, subscription.Group, delivery.EntryId));
    }

    public void HashSet(string key, string field, string value) => _hashSets.Add((key, field, value));

    public void HashDelete(string key, string field) => _hashDeletes.Add((key, field));

    public void SetValue(string key, string value, TimeSpan? timeToLive) => _values.Add((key, value, timeToLive));
}
