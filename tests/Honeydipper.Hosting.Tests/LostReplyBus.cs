using Honeydipper.Bus;
using Honeydipper.Bus.Protocol;

namespace Honeydipper.Hosting.Tests;

/// <summary>
/// A real bus whose connection drops once right after a write went through: the write happened, the writer hears
/// "unavailable". This is the ambiguous failure a network gives (Redis ran EXEC, the reply never came back).
/// </summary>
internal sealed class LostReplyBus(IMessageBus inner) : IMessageBus
{
    private Func<BusBatch, bool>? _loseCommit;
    private Func<StreamName, bool>? _losePublish;

    private int _lostReplies;

    // The engine commits and the worker publishes on different threads: count and disarm atomically.
    public int LostReplies => Volatile.Read(ref _lostReplies);

    /// <summary>The next commit that matches is applied, then reported as failed.</summary>
    public void LoseNextCommitReply(Func<BusBatch, bool> when) => _loseCommit = when;

    /// <summary>
    /// The next publish to a matching stream is applied, then reported as failed: a publish on its own, or one inside
    /// a commit (a driver commits its answer with its acknowledgement).
    /// </summary>
    public void LoseNextPublishReply(Func<StreamName, bool> when) => _losePublish = when;

    public async Task CommitAsync(BusBatch batch, CancellationToken cancellationToken = default)
    {
        await inner.CommitAsync(batch, cancellationToken);
        if (_loseCommit is { } when && when(batch) && Interlocked.CompareExchange(ref _loseCommit, null, when) == when)
        {
            Interlocked.Increment(ref _lostReplies);
            throw new BusUnavailableException("connection reset after EXEC");
        }

        if (_losePublish is { } publish && batch.Publishes.Any(p => publish(p.Stream)) && Interlocked.CompareExchange(ref _losePublish, null, publish) == publish)
        {
            Interlocked.Increment(ref _lostReplies);
            throw new BusUnavailableException("connection reset after EXEC");
        }
    }

    public async Task<string> PublishAsync(StreamName stream, BusMessage message, CancellationToken cancellationToken = default)
    {
        string id = await inner.PublishAsync(stream, message, cancellationToken);
        if (_losePublish is { } when && when(stream) && Interlocked.CompareExchange(ref _losePublish, null, when) == when)
        {
            Interlocked.Increment(ref _lostReplies);
            throw new BusUnavailableException("connection reset after XADD");
        }

        return id;
    }

    public Task<IBusSubscription> SubscribeAsync(StreamName stream, string group, string consumer, CancellationToken cancellationToken = default) =>
        inner.SubscribeAsync(stream, group, consumer, cancellationToken);

    public Task PublishControlAsync(string ns, ControlSignal signal, CancellationToken cancellationToken = default) => inner.PublishControlAsync(ns, signal, cancellationToken);

    public Task<IAsyncDisposable> ListenControlAsync(string ns, Func<ControlSignal, Task> handler, CancellationToken cancellationToken = default) =>
        inner.ListenControlAsync(ns, handler, cancellationToken);

    public Task SetValueAsync(string key, string value, TimeSpan? timeToLive, CancellationToken cancellationToken = default) =>
        inner.SetValueAsync(key, value, timeToLive, cancellationToken);

    public Task<string?> GetValueAsync(string key, CancellationToken cancellationToken = default) => inner.GetValueAsync(key, cancellationToken);

    public Task<long> TrimAsync(StreamName stream, CancellationToken cancellationToken = default) => inner.TrimAsync(stream, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> HashGetAllAsync(string key, CancellationToken cancellationToken = default) =>
        inner.HashGetAllAsync(key, cancellationToken);

    public Task<StreamStatus> StatusAsync(StreamName stream, string group, CancellationToken cancellationToken = default) =>
        inner.StatusAsync(stream, group, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
