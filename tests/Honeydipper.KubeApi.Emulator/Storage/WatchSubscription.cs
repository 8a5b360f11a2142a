using System.Threading.Channels;

namespace Honeydipper.KubeApi.Emulator.Storage;

/// <summary>A live feed of committed events for one resource (or every resource, for the emulator's own controllers).</summary>
internal sealed class WatchSubscription(string? groupResource, string? ns, Action<WatchSubscription> unsubscribe) : IDisposable
{
    // Not SingleReader: only the multi-reader channel can count what is queued, which bookmarks need.
    private readonly Channel<StoredEvent> channel = Channel.CreateUnbounded<StoredEvent>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CancellationTokenSource dropped = new();

    public ChannelReader<StoredEvent> Events => channel.Reader;

    /// <summary>How many of the first events are the replayed state rather than live changes.</summary>
    public int ReplayCount { get; set; }

    /// <summary>Cancelled when a fault drops the watch, so the HTTP stream ends as if the connection broke.</summary>
    public CancellationToken Dropped => dropped.Token;

    public bool Matches(StoredEvent e) =>
        (groupResource is null || e.GroupResource == groupResource) &&
        (ns is null || ObjectStore.NamespaceOf(e.Object) == ns);

    public void Publish(StoredEvent e) => channel.Writer.TryWrite(e);

    public void Drop()
    {
        try
        {
            dropped.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the watch ended meanwhile
        }
    }

    public void Dispose()
    {
        unsubscribe(this);
        channel.Writer.TryComplete();
        dropped.Dispose();
    }
}
