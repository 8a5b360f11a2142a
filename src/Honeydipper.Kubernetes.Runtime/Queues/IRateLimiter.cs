namespace Honeydipper.Kubernetes.Runtime.Queues;

/// <summary>How long an item waits before it is retried (client-go's workqueue.RateLimiter).</summary>
public interface IRateLimiter<in TKey>
{
    /// <summary>The delay for the next retry of the item; counts a failure.</summary>
    TimeSpan DelayFor(TKey item);

    /// <summary>The item succeeded: its failures are forgotten.</summary>
    void Forget(TKey item);

    int Failures(TKey item);
}
