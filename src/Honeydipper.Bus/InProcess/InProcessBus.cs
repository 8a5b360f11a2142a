using System.Collections.Concurrent;
using Honeydipper.Bus.Protocol;

namespace Honeydipper.Bus.InProcess;

/// <summary>
/// The bus inside one process, for local mode and fast tests, with the Redis adapter's semantics: consumer groups,
/// pending messages until acknowledged, claiming of idle messages, safe trimming. Payloads are copied on publish, so a
/// receiver never shares data with the sender, as over the network. Nothing survives the process.
/// </summary>
public sealed class InProcessBus(TimeProvider? time = null) : IMessageBus
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, InProcessStream> _streams = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Value, DateTimeOffset? Expires)> _values = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<Func<ControlSignal, Task>>> _listeners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, string>> _hashes = new(StringComparer.Ordinal);
    private readonly Lock _commit = new();

    public Task<string> PublishAsync(StreamName stream, BusMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(message);
        BusMessage copy = message with
        {
            Payload = Core.Values.DataTree.DeepCopy(message.Payload),
            Labels = new Dictionary<string, string>(message.Labels, StringComparer.Ordinal),
        };
        return Task.FromResult(Stream(stream).Append(copy));
    }

    public Task<IBusSubscription> SubscribeAsync(StreamName stream, string group, string consumer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Stream(stream).EnsureGroup(group);
        return Task.FromResult<IBusSubscription>(new InProcessSubscription(Stream(stream), stream, group, consumer, _time));
    }

    public async Task PublishControlAsync(string ns, ControlSignal signal, CancellationToken cancellationToken = default)
    {
        if (_listeners.TryGetValue(ns, out List<Func<ControlSignal, Task>>? handlers))
        {
            Func<ControlSignal, Task>[] current;
            lock (handlers)
            {
                current = [.. handlers];
            }

            foreach (Func<ControlSignal, Task> handler in current)
            {
                await handler(signal).ConfigureAwait(false);
            }
        }
    }

    public Task<IAsyncDisposable> ListenControlAsync(string ns, Func<ControlSignal, Task> handler, CancellationToken cancellationToken = default)
    {
        List<Func<ControlSignal, Task>> handlers = _listeners.GetOrAdd(ns, _ => []);
        lock (handlers)
        {
            handlers.Add(handler);
        }

        return Task.FromResult<IAsyncDisposable>(new Unsubscriber(() =>
        {
            lock (handlers)
            {
                handlers.Remove(handler);
            }
        }));
    }

    public Task SetValueAsync(string key, string value, TimeSpan? timeToLive, CancellationToken cancellationToken = default)
    {
        _values[key] = (value, timeToLive is { } ttl ? _time.GetUtcNow() + ttl : null);
        return Task.CompletedTask;
    }

    public Task<string?> GetValueAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_values.TryGetValue(key, out (string Value, DateTimeOffset? Expires) entry) && (entry.Expires is null || entry.Expires > _time.GetUtcNow())
            ? entry.Value
            : null);

    public async Task CommitAsync(BusBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_commit)
        {
            foreach ((string key, string field, string value) in batch.HashSets)
            {
                _hashes.GetOrAdd(key, _ => new ConcurrentDictionary<string, string>(StringComparer.Ordinal))[field] = value;
            }

            foreach ((string key, string field) in batch.HashDeletes)
            {
                if (_hashes.TryGetValue(key, out ConcurrentDictionary<string, string>? hash))
                {
                    hash.TryRemove(field, out _);
                }
            }

            foreach ((StreamName stream, string group, string entryId) in batch.Acks)
            {
                Stream(stream).Ack(group, [new BusDelivery(entryId, null!, 0)]);
            }
        }

        foreach ((string key, string value, TimeSpan? ttl) in batch.Values)
        {
            await SetValueAsync(key, value, ttl, cancellationToken).ConfigureAwait(false);
        }

        foreach ((StreamName stream, BusMessage message) in batch.Publishes)
        {
            await PublishAsync(stream, message, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<IReadOnlyDictionary<string, string>> HashGetAllAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(_hashes.TryGetValue(key, out ConcurrentDictionary<string, string>? hash)
            ? new Dictionary<string, string>(hash, StringComparer.Ordinal)
            : new Dictionary<string, string>());

    public Task<long> TrimAsync(StreamName stream, CancellationToken cancellationToken = default) => Task.FromResult(Stream(stream).Trim());

    public Task<StreamStatus> StatusAsync(StreamName stream, string group, CancellationToken cancellationToken = default) =>
        Task.FromResult(Stream(stream).Status(group));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private InProcessStream Stream(StreamName stream) => _streams.GetOrAdd(stream.Key, _ => new InProcessStream(_time));

    private sealed class Unsubscriber(Action remove) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            remove();
            return ValueTask.CompletedTask;
        }
    }
}
