using Honeydipper.Bus.Protocol;

namespace Honeydipper.Bus;

/// <summary>
/// The event bus (DESIGN §5): append-only streams read through consumer groups with acknowledgements, a control
/// channel for configuration pushes, and small keys for driver options and health. Adapters: Redis Streams (the
/// cluster and <c>local --redis</c>) and in-process (local mode and fast tests), with the same semantics.
/// </summary>
public interface IMessageBus : IAsyncDisposable
{
    /// <summary>Appends a message; returns the entry id the stream gave it.</summary>
    Task<string> PublishAsync(StreamName stream, BusMessage message, CancellationToken cancellationToken = default);

    /// <summary>Joins (and creates, from the stream's start) a consumer group as the named consumer.</summary>
    Task<IBusSubscription> SubscribeAsync(StreamName stream, string group, string consumer, CancellationToken cancellationToken = default);

    /// <summary>Broadcasts a control signal to everyone listening in the namespace; signals are not stored.</summary>
    Task PublishControlAsync(string ns, ControlSignal signal, CancellationToken cancellationToken = default);

    /// <summary>Listens to the namespace's control signals until the returned handle is disposed.</summary>
    Task<IAsyncDisposable> ListenControlAsync(string ns, Func<ControlSignal, Task> handler, CancellationToken cancellationToken = default);

    Task SetValueAsync(string key, string value, TimeSpan? timeToLive, CancellationToken cancellationToken = default);

    Task<string?> GetValueAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes the entries every consumer group has acknowledged; never an unacknowledged one.</summary>
    Task<long> TrimAsync(StreamName stream, CancellationToken cancellationToken = default);

    /// <summary>Applies every write of the batch, or none of them (a Redis transaction).</summary>
    Task CommitAsync(BusBatch batch, CancellationToken cancellationToken = default);

    /// <summary>Every field of a hash (empty when the key does not exist).</summary>
    Task<IReadOnlyDictionary<string, string>> HashGetAllAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>How long the stream is and how much of it is pending, for tests, metrics and trimming decisions.</summary>
    Task<StreamStatus> StatusAsync(StreamName stream, string group, CancellationToken cancellationToken = default);
}
