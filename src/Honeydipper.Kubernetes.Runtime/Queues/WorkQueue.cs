namespace Honeydipper.Kubernetes.Runtime.Queues;

/// <summary>
/// client-go's rate-limited work queue: an item is queued at most once however often it is added (dedup); an item
/// being processed is not handed out again, and if it is added meanwhile it is queued once when the worker calls
/// <see cref="Done"/>. Delayed adds keep the earliest time asked for. Retries wait as the rate limiter says;
/// <see cref="Forget"/> on success resets the item's backoff.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue; the name is client-go's and controller-runtime's.")]
public sealed class WorkQueue<TKey>(IRateLimiter<TKey> limiter, TimeProvider time) : IDisposable
    where TKey : notnull
{
    private readonly Lock gate = new();
    private readonly LinkedList<TKey> queue = new();
    private readonly HashSet<TKey> dirty = [];
    private readonly HashSet<TKey> processing = [];
    private readonly Dictionary<TKey, (DateTimeOffset At, ITimer Timer)> waiting = [];
    private readonly SemaphoreSlim available = new(0);
    private bool shuttingDown;

    /// <summary>Items ready to be handed out.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return queue.Count;
            }
        }
    }

    /// <summary>Items handed out and not yet done.</summary>
    public int Processing
    {
        get
        {
            lock (gate)
            {
                return processing.Count;
            }
        }
    }

    public void Add(TKey item)
    {
        lock (gate)
        {
            if (shuttingDown || !dirty.Add(item))
            {
                return;
            }

            if (!processing.Contains(item))
            {
                queue.AddLast(item);
                available.Release();
            }
        }
    }

    /// <summary>Adds the item after a delay (at once for a delay of zero or less).</summary>
    public void AddAfter(TKey item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }

        lock (gate)
        {
            if (shuttingDown)
            {
                return;
            }

            DateTimeOffset at = time.GetUtcNow() + delay;
            if (waiting.TryGetValue(item, out (DateTimeOffset At, ITimer Timer) existing))
            {
                if (existing.At <= at)
                {
                    return;
                }

                existing.Timer.Dispose();
            }

            ITimer timer = time.CreateTimer(_ => Fire(item), null, delay, Timeout.InfiniteTimeSpan);
            waiting[item] = (at, timer);
        }
    }

    /// <summary>Adds the item after the rate limiter's delay for it (a retry).</summary>
    public void AddRateLimited(TKey item) => AddAfter(item, limiter.DelayFor(item));

    /// <summary>The item succeeded: stop backing it off.</summary>
    public void Forget(TKey item) => limiter.Forget(item);

    public int Failures(TKey item) => limiter.Failures(item);

    /// <summary>Waits for the next item; the caller must call <see cref="Done"/> with it.</summary>
    public async Task<TKey> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await available.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (gate)
            {
                if (queue.First is { } first)
                {
                    TKey item = first.Value;
                    queue.RemoveFirst();
                    dirty.Remove(item);
                    processing.Add(item);
                    return item;
                }
            }
        }
    }

    public void Done(TKey item)
    {
        lock (gate)
        {
            processing.Remove(item);
            if (dirty.Contains(item) && !shuttingDown)
            {
                queue.AddLast(item);
                available.Release();
            }
        }
    }

    public void ShutDown()
    {
        lock (gate)
        {
            shuttingDown = true;
            foreach ((DateTimeOffset _, ITimer timer) in waiting.Values)
            {
                timer.Dispose();
            }

            waiting.Clear();
        }
    }

    public void Dispose()
    {
        ShutDown();
        available.Dispose();
    }

    private void Fire(TKey item)
    {
        lock (gate)
        {
            if (waiting.Remove(item, out (DateTimeOffset At, ITimer Timer) entry))
            {
                entry.Timer.Dispose();
            }
        }

        Add(item);
    }
}
