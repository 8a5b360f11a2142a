namespace Honeydipper.Kubernetes.Runtime.Queues;

/// <summary>The longest delay any of the limiters asks for: per-item backoff capped by a global bucket.</summary>
public sealed class MaxOfRateLimiter<TKey>(params IRateLimiter<TKey>[] limiters) : IRateLimiter<TKey>
{
    public TimeSpan DelayFor(TKey item) => limiters.Select(l => l.DelayFor(item)).DefaultIfEmpty(TimeSpan.Zero).Max();

    public void Forget(TKey item)
    {
        foreach (IRateLimiter<TKey> limiter in limiters)
        {
            limiter.Forget(item);
        }
    }

    public int Failures(TKey item) => limiters.Select(l => l.Failures(item)).DefaultIfEmpty(0).Max();
}
