using System.Collections.Concurrent;
using Honeydipper.Kubernetes.Runtime.Queues;
using Honeydipper.Kubernetes.Runtime.Resources;

namespace Honeydipper.Kubernetes.Runtime.Tests.Controllers;

/// <summary>A real rate limiter whose answers the test can read.</summary>
internal sealed class RecordingLimiter(IRateLimiter<ObjectKey> inner) : IRateLimiter<ObjectKey>
{
    private readonly ConcurrentQueue<TimeSpan> delays = new();

    public IReadOnlyList<TimeSpan> Delays => [.. delays];

    public TimeSpan DelayFor(ObjectKey item)
    {
        TimeSpan delay = inner.DelayFor(item);
        delays.Enqueue(delay);
        return delay;
    }

    public void Forget(ObjectKey item) => inner.Forget(item);

    public int Failures(ObjectKey item) => inner.Failures(item);
}
