namespace Honeydipper.Kubernetes.Runtime.Queues;

/// <summary>Per item: base × 2^failures, capped at max.</summary>
public sealed class ExponentialBackoffRateLimiter<TKey>(TimeSpan baseDelay, TimeSpan maxDelay) : IRateLimiter<TKey>
    where TKey : notnull
{
    private readonly Lock gate = new();
    private readonly Dictionary<TKey, int> failures = [];

    public TimeSpan DelayFor(TKey item)
    {
        lock (gate)
        {
            int n = failures.GetValueOrDefault(item);
            failures[item] = n + 1;
            double delay = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(n, 62));
            return delay >= maxDelay.TotalMilliseconds ? maxDelay : TimeSpan.FromMilliseconds(delay);
        }
    }

    public void Forget(TKey item)
    {
        lock (gate)
        {
            failures.Remove(item);
        }
    }

    public int Failures(TKey item)
    {
        lock (gate)
        {
            return failures.GetValueOrDefault(item);
        }
    }
}
