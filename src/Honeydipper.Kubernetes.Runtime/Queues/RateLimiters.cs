namespace Honeydipper.Kubernetes.Runtime.Queues;

/// <summary>The usual combination, as controller-runtime's default: 5 ms doubling to 1000 s per item, 10 qps / 100 burst overall.</summary>
public static class RateLimiters
{
    public static IRateLimiter<TKey> Default<TKey>(TimeProvider time)
        where TKey : notnull =>
        new MaxOfRateLimiter<TKey>(
            new ExponentialBackoffRateLimiter<TKey>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)),
            new TokenBucketRateLimiter<TKey>(10, 100, time));
}
