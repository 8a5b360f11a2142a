using Honeydipper.Bus.Protocol;
using StackExchange.Redis;

namespace Honeydipper.Bus.Redis;

/// <summary>
/// The bus on Redis Streams (docs/bus-protocol.md). One multiplexer carries every command; StackExchange.Redis
/// reconnects by itself, and while it cannot, calls fail with <see cref="BusUnavailableException"/> so that callers
/// retry with backoff.
/// </summary>
public sealed class RedisMessageBus : IMessageBus
{
    private readonly ConnectionMultiplexer _redis;
    private readonly RedisBusOptions _options;

    private RedisMessageBus(ConnectionMultiplexer redis, RedisBusOptions options)
    {
        _redis = redis;
        _options = options;
    }

    internal IDatabase Db => _redis.GetDatabase();

    public static async Task<RedisMessageBus> ConnectAsync(RedisBusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ConfigurationOptions config = ConfigurationOptions.Parse(options.Configuration);
        if (!string.IsNullOrEmpty(options.Password))
        {
            config.Password = options.Password;
        }

        config.AbortOnConnectFail = false; // keep trying in the background instead of failing the process
        config.ConnectRetry = 5;
        config.ReconnectRetryPolicy = new ExponentialRetry(250, 5000);
        ConnectionMultiplexer redis = await ConnectionMultiplexer.ConnectAsync(config).ConfigureAwait(false);
        return new RedisMessageBus(redis, options);
    }

    public Task<string> PublishAsync(StreamName stream, BusMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        NameValueEntry[] fields = [.. BusCodec.Encode(message).Select(f => new NameValueEntry(f.Key, f.Value))];
        return Guard(async () => (string)(await Db.StreamAddAsync(stream.Key, fields).ConfigureAwait(false))!);
    }

    /// <summary>
    /// Appends to a side stream that no consumer group reads (the audit trail), keeping about its newest
    /// <paramref name="maxLength"/> entries: Redis trims whole nodes, so a few more may stay.
    /// </summary>
    public Task<string> AppendCappedAsync(string key, IEnumerable<KeyValuePair<string, string>> fields, int maxLength, CancellationToken cancellationToken = default)
    {
        NameValueEntry[] entries = [.. fields.Select(f => new NameValueEntry(f.Key, f.Value))];
        return Guard(async () => (string)(await Db.StreamAddAsync(key, entries, maxLength: maxLength, useApproximateMaxLength: true).ConfigureAwait(false))!);
    }

    public Task<IBusSubscription> SubscribeAsync(StreamName stream, string group, string consumer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Guard<IBusSubscription>(async () =>
        {
            try
            {
                await Db.StreamCreateConsumerGroupAsync(stream.Key, group, "0-0", createStream: true).ConfigureAwait(false);
            }
            catch (RedisServerException ex) when (ex.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
            {
                // The group exists already: join it.
            }

            return new RedisSubscription(this, stream, group, consumer, _options);
        });
    }

    public Task PublishControlAsync(string ns, ControlSignal signal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return Guard(async () =>
        {
            await _redis.GetSubscriber().PublishAsync(RedisChannel.Literal(BusKeys.Control(ns)), signal.ToJson()).ConfigureAwait(false);
            return true;
        });
    }

    public Task<IAsyncDisposable> ListenControlAsync(string ns, Func<ControlSignal, Task> handler, CancellationToken cancellationToken = default)
    {
        return Guard<IAsyncDisposable>(async () =>
        {
            ISubscriber subscriber = _redis.GetSubscriber();
            RedisChannel channel = RedisChannel.Literal(BusKeys.Control(ns));
            ChannelMessageQueue queue = await subscriber.SubscribeAsync(channel).ConfigureAwait(false);
            queue.OnMessage(async message =>
            {
                if (ControlSignal.FromJson(message.Message!) is { } signal)
                {
                    await handler(signal).ConfigureAwait(false);
                }
            });
            return new ControlListener(queue);
        });
    }

    public Task SetValueAsync(string key, string value, TimeSpan? timeToLive, CancellationToken cancellationToken = default) =>
        Guard(async () => timeToLive is { } ttl
            ? await Db.StringSetAsync(key, value, ttl).ConfigureAwait(false)
            : await Db.StringSetAsync(key, value).ConfigureAwait(false));

    public Task<string?> GetValueAsync(string key, CancellationToken cancellationToken = default) =>
        Guard(async () => (string?)await Db.StringGetAsync(key).ConfigureAwait(false));

    public Task CommitAsync(BusBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Guard(async () =>
        {
            // MULTI/EXEC: the queued commands run together; none of their tasks may be awaited before Execute.
            ITransaction tx = Db.CreateTransaction();
            List<Task> queued = [];
            foreach ((string key, string field, string value) in batch.HashSets)
            {
                queued.Add(tx.HashSetAsync(key, field, value));
            }

            foreach ((string key, string field) in batch.HashDeletes)
            {
                queued.Add(tx.HashDeleteAsync(key, field));
            }

            foreach ((string key, string value, TimeSpan? ttl) in batch.Values)
            {
                queued.Add(ttl is { } t ? tx.StringSetAsync(key, value, t) : tx.StringSetAsync(key, value));
            }

            foreach ((StreamName stream, BusMessage message) in batch.Publishes)
            {
                queued.Add(tx.StreamAddAsync(stream.Key, [.. BusCodec.Encode(message).Select(f => new NameValueEntry(f.Key, f.Value))]));
            }

            foreach (IGrouping<(string Key, string Group), string> acks in batch.Acks.GroupBy(a => (a.Stream.Key, a.Group), a => a.EntryId))
            {
                queued.Add(tx.StreamAcknowledgeAsync(acks.Key.Key, acks.Key.Group, [.. acks.Select(id => (RedisValue)id)]));
            }

            if (!await tx.ExecuteAsync().ConfigureAwait(false))
            {
                throw new BusUnavailableException("the Redis transaction did not run");
            }

            await Task.WhenAll(queued).ConfigureAwait(false);
            return true;
        });
    }

    public Task<IReadOnlyDictionary<string, string>> HashGetAllAsync(string key, CancellationToken cancellationToken = default) =>
        Guard<IReadOnlyDictionary<string, string>>(async () =>
            (await Db.HashGetAllAsync(key).ConfigureAwait(false)).ToDictionary(e => (string)e.Name!, e => (string)e.Value!, StringComparer.Ordinal));

    public Task<long> TrimAsync(StreamName stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Guard(async () =>
        {
            StreamGroupInfo[] groups = await Db.StreamGroupInfoAsync(stream.Key).ConfigureAwait(false);
            if (groups.Length == 0)
            {
                return 0L; // nobody reads it yet: everything in it is still owed to a future consumer
            }

            StreamEntryId? keepFrom = null;
            foreach (StreamGroupInfo group in groups)
            {
                StreamEntryId candidate = StreamEntryId.Parse(group.LastDeliveredId ?? "0-0");
                if (group.PendingMessageCount > 0)
                {
                    // Acknowledged meanwhile when the lowest id comes back empty: then nothing older is pending.
                    StreamPendingInfo pending = await Db.StreamPendingAsync(stream.Key, group.Name).ConfigureAwait(false);
                    if (!pending.LowestPendingMessageId.IsNullOrEmpty)
                    {
                        candidate = StreamEntryId.Min(candidate, StreamEntryId.Parse(pending.LowestPendingMessageId!));
                    }
                }

                keepFrom = keepFrom is null ? candidate : StreamEntryId.Min(keepFrom.Value, candidate);
            }

            // XTRIM MINID removes only entries below the id: the oldest entry some group still needs stays.
            RedisResult removed = await Db.ExecuteAsync("XTRIM", stream.Key, "MINID", keepFrom!.Value.ToString()).ConfigureAwait(false);
            return (long)removed;
        });
    }

    public Task<StreamStatus> StatusAsync(StreamName stream, string group, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Guard(async () =>
        {
            long length = await Db.StreamLengthAsync(stream.Key).ConfigureAwait(false);
            try
            {
                StreamPendingInfo pending = await Db.StreamPendingAsync(stream.Key, group).ConfigureAwait(false);
                return new StreamStatus(length, pending.PendingMessageCount);
            }
            catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
            {
                return new StreamStatus(length, 0); // nobody reads it yet, so nothing is pending
            }
        });
    }

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync().ConfigureAwait(false);

    /// <summary>Runs a Redis call, turning "cannot reach Redis" into <see cref="BusUnavailableException"/>.</summary>
    internal static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException || (ex is RedisServerException server && server.Message.StartsWith("LOADING", StringComparison.Ordinal)))
        {
            throw new BusUnavailableException($"the bus (Redis) is unavailable: {ex.Message}", ex);
        }
    }

    private sealed class ControlListener(ChannelMessageQueue queue) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await queue.UnsubscribeAsync().ConfigureAwait(false);
    }
}
