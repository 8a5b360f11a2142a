namespace Honeydipper.Kubernetes.Runtime.Queues;

/// <summary>
/// One bucket for all items: <c>burst</c> retries at once, then <c>qps</c> per second. Each call reserves a token
/// and returns how long until it is available, so a storm of failures cannot hammer the API server.
/// </summary>
public sealed class TokenBucketRateLimiter<TKey>(double qps, int burst, TimeProvider time) : IRateLimiter<TKey>
{
    private readonly Lock gate = new();
    private double tokens = burst;
    private DateTimeOffset last = time.GetUtcNow();

    public TimeSpan DelayFor(TKey item)
    {
        lock (gate)
        {
            DateTimeOffset now = time.GetUtcNow();
            tokens = Math.Min(burst, tokens + ((now - last).TotalSeconds * qps));
            last = now;
            tokens -= 1;
            return tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-tokens / qps);
        }
    }

    public void Forget(TKey item)
    {
    }

    public int Failures(TKey item) => 0;
}
