using Honeydipper.Bus.Protocol;
using StackExchange.Redis;

namespace Honeydipper.Bus.Redis;

/// <summary>
/// A consumer of a Redis consumer group. Reads poll (StackExchange.Redis cannot block); entries that do not decode
/// are copied to <c>&lt;stream&gt;:dead</c> with the reason and acknowledged, so that one bad message cannot stall the
/// group and is still kept for a person to look at.
/// </summary>
internal sealed class RedisSubscription(RedisMessageBus bus, StreamName stream, string group, string consumer, RedisBusOptions options) : IBusSubscription
{
    /// <summary>A dead-letter stream keeps about this many of the newest bad entries.</summary>
    public const int DeadLetterLimit = 10_000;

    public StreamName Stream => stream;

    public string Group => group;

    public string Consumer => consumer;

    public async Task<IReadOnlyList<BusDelivery>> ReadAsync(int max, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        TimeSpan pause = TimeSpan.FromMilliseconds(1);
        long started = options.Time.GetTimestamp();
        while (true)
        {
            StreamEntry[] entries = await RedisMessageBus.Guard(() => bus.Db.StreamReadGroupAsync(stream.Key, group, consumer, ">", max)).ConfigureAwait(false);
            if (entries.Length > 0)
            {
                return await Decode(entries, 1).ConfigureAwait(false);
            }

            TimeSpan left = wait - options.Time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return [];
            }

            await Task.Delay(pause < left ? pause : left, options.Time, cancellationToken).ConfigureAwait(false);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, options.MaxPollInterval.Ticks));
        }
    }

    public async Task<IReadOnlyList<BusDelivery>> ReadOwnPendingAsync(int max, CancellationToken cancellationToken = default)
    {
        StreamEntry[] entries = await RedisMessageBus.Guard(() => bus.Db.StreamReadGroupAsync(stream.Key, group, consumer, "0-0", max)).ConfigureAwait(false);
        return await Decode(entries, 2).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<BusDelivery>> ClaimIdleAsync(TimeSpan minIdle, int max, CancellationToken cancellationToken = default)
    {
        StreamAutoClaimResult claimed = await RedisMessageBus.Guard(() =>
            bus.Db.StreamAutoClaimAsync(stream.Key, group, consumer, (long)minIdle.TotalMilliseconds, "0-0", max)).ConfigureAwait(false);
        return await Decode(claimed.ClaimedEntries, 2).ConfigureAwait(false);
    }

    public async Task AckAsync(IEnumerable<BusDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        RedisValue[] ids = [.. deliveries.Select(d => (RedisValue)d.EntryId)];
        if (ids.Length > 0)
        {
            await RedisMessageBus.Guard(() => bus.Db.StreamAcknowledgeAsync(stream.Key, group, ids)).ConfigureAwait(false);
        }
    }

    public async Task TouchAsync(IEnumerable<BusDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        RedisValue[] ids = [.. deliveries.Select(d => (RedisValue)d.EntryId)];
        if (ids.Length > 0)
        {
            // XCLAIM ... 0 JUSTID: ownership stays here, the idle time restarts, the delivery count is kept; ids no
            // longer pending are ignored by Redis.
            await RedisMessageBus.Guard(() => bus.Db.StreamClaimIdsOnlyAsync(stream.Key, group, consumer, 0, ids)).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<IReadOnlyList<BusDelivery>> Decode(StreamEntry[] entries, long deliveryCount)
    {
        List<BusDelivery> deliveries = new(entries.Length);
        foreach (StreamEntry entry in entries)
        {
            if (entry.IsNull || entry.Values is null)
            {
                continue; // a pending id whose entry was deleted meanwhile
            }

            try
            {
                BusMessage message = BusCodec.Decode(entry.Values.Select(v => new KeyValuePair<string, string>(v.Name!, v.Value!)));
                deliveries.Add(new BusDelivery(entry.Id!, message, deliveryCount));
            }
            catch (ProtocolException ex)
            {
                NameValueEntry[] dead = [.. entry.Values, new NameValueEntry("dead_reason", ex.Message), new NameValueEntry("dead_entry", entry.Id)];
                await RedisMessageBus.Guard(() => bus.Db.StreamAddAsync(stream.Key + ":dead", dead, maxLength: DeadLetterLimit, useApproximateMaxLength: true)).ConfigureAwait(false);
                await RedisMessageBus.Guard(() => bus.Db.StreamAcknowledgeAsync(stream.Key, group, entry.Id)).ConfigureAwait(false);
            }
        }

        return deliveries;
    }
}
