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
    private readonly Lock _sweep = new();
    private int _setsSinceSweep;
    private int _sweepAfter = SweepEvery;

    private const int SweepEvery = 4096;

    public Task<string> PublishAsync(StreamName stream, BusMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(message);
        return Task.FromResult(Publish(stream, message));
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
        SetValue(key, value, timeToLive);
        return Task.CompletedTask;
    }

    public Task<string?> GetValueAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_values.TryGetValue(key, out (string Value, DateTimeOffset? Expires) entry) && (entry.Expires is null || entry.Expires > _time.GetUtcNow())
            ? entry.Value
            : null);

    public Task CommitAsync(BusBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        try
        {
            Commit(batch);
            return Task.CompletedTask;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Task.FromException(ex); // as an async method would: the caller sees it when it awaits
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

    private void Commit(BusBatch batch)
    {
        lock (_commit)
        {
            foreach ((string key, string field, string value) in batch.HashSets)
            {
                _hashes.GetOrAdd(key, static _ => new ConcurrentDictionary<string, string>(StringComparer.Ordinal))[field] = value;
            }

            foreach ((string key, string field) in batch.HashDeletes)
            {
                if (_hashes.TryGetValue(key, out ConcurrentDictionary<string, string>? hash))
                {
                    hash.TryRemove(field, out _);
                }
            }

            // A turn acknowledges what it handled from one or two streams: one lock per run of the same stream and group.
            IReadOnlyList<(StreamName Stream, string Group, string EntryId)> acks = batch.Acks;
            for (int start = 0; start < acks.Count;)
            {
                int end = start + 1;
                while (end < acks.Count && acks[end].Stream.Key == acks[start].Stream.Key && acks[end].Group == acks[start].Group)
                {
                    end++;
                }

                Stream(acks[start].Stream).Ack(acks[start].Group, acks, start, end);
                start = end;
            }
        }

        foreach ((string key, string value, TimeSpan? ttl) in batch.Values)
        {
            SetValue(key, value, ttl);
        }

        foreach ((StreamName stream, BusMessage message) in batch.Publishes)
        {
            Publish(stream, message);
        }
    }

    private string Publish(StreamName stream, BusMessage message)
    {
        BusMessage copy = message with
        {
            Payload = Core.Values.DataTree.DeepCopy(message.Payload),
            Labels = new Dictionary<string, string>(message.Labels, StringComparer.Ordinal),
        };
        return Stream(stream).Append(copy);
    }

    private void SetValue(string key, string value, TimeSpan? timeToLive)
    {
        _values[key] = (value, timeToLive is { } ttl ? _time.GetUtcNow() + ttl : null);
        if (Interlocked.Increment(ref _setsSinceSweep) >= Volatile.Read(ref _sweepAfter))
        {
            SweepExpired();
        }
    }

    /// <summary>
    /// Drops expired values (a driver marks every command it answered, for an hour): without it a long-lived local
    /// process would keep them all. Runs once as many values were set as were kept at the last sweep, so its cost per
    /// set stays constant.
    /// </summary>
    private void SweepExpired()
    {
        lock (_sweep)
        {
            if (Volatile.Read(ref _setsSinceSweep) < _sweepAfter)
            {
                return; // another thread just swept
            }

            DateTimeOffset now = _time.GetUtcNow();
            int kept = 0;
            foreach (KeyValuePair<string, (string Value, DateTimeOffset? Expires)> entry in _values)
            {
                if (entry.Value.Expires is { } expires && expires <= now)
                {
                    _values.TryRemove(entry);
                }
                else
                {
                    kept++;
                }
            }

            Volatile.Write(ref _setsSinceSweep, 0);
            Volatile.Write(ref _sweepAfter, Math.Max(SweepEvery, kept));
        }
    }

    private InProcessStream Stream(StreamName stream) => _streams.GetOrAdd(stream.Key, static (_, time) => new InProcessStream(time), _time);

    private sealed class Unsubscriber(Action remove) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            remove();
            return ValueTask.CompletedTask;
        }
    }
}
