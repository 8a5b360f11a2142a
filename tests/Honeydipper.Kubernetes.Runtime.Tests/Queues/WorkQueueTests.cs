using Honeydipper.Kubernetes.Runtime.Queues;
using Microsoft.Extensions.Time.Testing;

namespace Honeydipper.Kubernetes.Runtime.Tests.Queues;

/// <summary>The work queue's contract, on a manual clock.</summary>
public sealed class WorkQueueTests
{
    private readonly FakeTimeProvider time = new();

    private WorkQueue<string> NewQueue() => new(new ExponentialBackoffRateLimiter<string>(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)), time);

    [Fact]
    public async Task A_key_added_many_times_is_handed_out_once()
    {
        using WorkQueue<string> queue = NewQueue();
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");
        Assert.Equal(2, queue.Count);
        Assert.Equal("a", await queue.TakeAsync(CancellationToken.None));
        Assert.Equal("b", await queue.TakeAsync(CancellationToken.None));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_key_added_while_processing_comes_back_once_after_Done()
    {
        using WorkQueue<string> queue = NewQueue();
        queue.Add("a");
        string key = await queue.TakeAsync(CancellationToken.None);
        queue.Add("a");
        queue.Add("a");
        Assert.Equal(0, queue.Count);
        Assert.Equal(1, queue.Processing);
        queue.Done(key);
        Assert.Equal(1, queue.Count);
        Assert.Equal("a", await queue.TakeAsync(CancellationToken.None));
    }

    [Fact]
    public void AddAfter_waits_for_the_clock_and_keeps_the_earliest_time()
    {
        using WorkQueue<string> queue = NewQueue();
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(3));
        queue.AddAfter("a", TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, queue.Count);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void Retries_back_off_exponentially_per_key_and_Forget_resets()
    {
        using WorkQueue<string> queue = NewQueue();
        ExponentialBackoffRateLimiter<string> limiter = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
        Assert.Equal([1, 2, 4, 8, 10, 10], Enumerable.Range(0, 6).Select(_ => (int)limiter.DelayFor("a").TotalSeconds));
        Assert.Equal(1, limiter.DelayFor("b").TotalSeconds);
        limiter.Forget("a");
        Assert.Equal(0, limiter.Failures("a"));
        Assert.Equal(1, limiter.DelayFor("a").TotalSeconds);

        queue.AddRateLimited("k");
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, queue.Count);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, queue.Count);
        Assert.Equal(1, queue.Failures("k"));
        queue.Forget("k");
        Assert.Equal(0, queue.Failures("k"));
    }

    [Fact]
    public void The_global_bucket_caps_retries_of_many_keys()
    {
        TokenBucketRateLimiter<string> bucket = new(qps: 10, burst: 3, time);
        Assert.Equal([0, 0, 0, 100, 200], Enumerable.Range(0, 5).Select(i => (int)Math.Round(bucket.DelayFor($"k{i}").TotalMilliseconds)));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, bucket.DelayFor("later").TotalMilliseconds);

        MaxOfRateLimiter<string> both = new(new ExponentialBackoffRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1)), new TokenBucketRateLimiter<string>(10, 1, time));
        Assert.Equal(5, both.DelayFor("x").TotalMilliseconds);
        Assert.Equal(100, Math.Round(both.DelayFor("y").TotalMilliseconds));
    }

    [Fact]
    public async Task TakeAsync_waits_for_work_and_honours_cancellation()
    {
        using WorkQueue<string> queue = NewQueue();
        Task<string> waiting = queue.TakeAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        queue.Add("late");
        Assert.Equal("late", await waiting);

        using CancellationTokenSource cts = new();
        Task<string> cancelled = queue.TakeAsync(cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
    }
}
