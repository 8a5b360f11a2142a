using Honeydipper.Bus.Protocol;

namespace Honeydipper.Bus.InProcess;

/// <summary>One in-memory stream with its consumer groups; every member is safe to call from any thread.</summary>
internal sealed class InProcessStream(TimeProvider time)
{
    private readonly Lock _lock = new();
    // Entry ids are consecutive, so entry `id` sits at index `id - _first` and a read starts by index, not by scanning.
    private readonly List<BusMessage?> _entries = []; // null: acknowledged by the only group, kept as a slot until trimmed
    private long _first = 1;
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _next = 1;
    private int _trimAt = TrimEvery;
    private bool _waited; // a reader has _appended's task to wait on

    /// <summary>
    /// The stream trims itself once it holds this many entries (then again at twice what stayed): nothing outlives the
    /// process, and a busy stream would otherwise keep every message until the next <see cref="Trim"/>, long enough for
    /// the collector to promote them all to the oldest generation.
    /// </summary>
    public const int TrimEvery = 4096;

    public string Append(BusMessage message)
    {
        TaskCompletionSource? wake = null;
        long id;
        lock (_lock)
        {
            id = _next++;
            _entries.Add(message);
            if (_entries.Count >= _trimAt)
            {
                TrimLocked();
                _trimAt = Math.Max(TrimEvery, 2 * _entries.Count);
            }

            // Only a reader that found nothing waits on the task; while none did, appending changes nothing.
            if (_waited)
            {
                wake = _appended;
                _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waited = false;
            }
        }

        wake?.TrySetResult();
        return EntryId(id);
    }

    public void EnsureGroup(string group)
    {
        lock (_lock)
        {
            _groups.TryAdd(group, new Group());
        }
    }

    /// <summary>New entries for the group, or a task that completes when one is appended.</summary>
    public (List<BusDelivery> Deliveries, Task Appended) ReadNew(string group, string consumer, int max)
    {
        lock (_lock)
        {
            Group g = _groups[group];
            List<BusDelivery> result = [];
            DateTimeOffset now = time.GetUtcNow();
            for (long id = Math.Max(g.LastDelivered + 1, _first); id < _next && result.Count < max; id++)
            {
                g.LastDelivered = id;
                g.Pending[id] = new Pending(consumer, now, 1);
                result.Add(new BusDelivery(EntryId(id), _entries[(int)(id - _first)]!, 1));
            }

            _waited |= result.Count == 0;
            return (result, _appended.Task);
        }
    }

    public List<BusDelivery> ReadPending(string group, string consumer, int max, TimeSpan? minIdle)
    {
        lock (_lock)
        {
            Group g = _groups[group];
            DateTimeOffset now = time.GetUtcNow();
            List<BusDelivery> result = [];
            foreach ((long id, Pending pending) in g.Pending.OrderBy(p => p.Key).ToList())
            {
                bool take = minIdle is { } idle ? now - pending.DeliveredAt >= idle : pending.Consumer == consumer;
                if (!take || id < _first)
                {
                    continue;
                }

                BusMessage message = _entries[(int)(id - _first)]!; // pending, so never released
                Pending next = new(consumer, now, pending.Count + 1);
                g.Pending[id] = next;
                result.Add(new BusDelivery(EntryId(id), message, next.Count));
                if (result.Count >= max)
                {
                    break;
                }
            }

            return result;
        }
    }

    public void Ack(string group, IEnumerable<BusDelivery> deliveries)
    {
        lock (_lock)
        {
            Group g = _groups[group];
            foreach (BusDelivery delivery in deliveries)
            {
                Release(g, ParseId(delivery.EntryId));
            }
        }
    }

    /// <summary>Acknowledges the entry ids of <paramref name="acks"/> from <paramref name="start"/> to before <paramref name="end"/>.</summary>
    public void Ack(string group, IReadOnlyList<(StreamName Stream, string Group, string EntryId)> acks, int start, int end)
    {
        lock (_lock)
        {
            Group g = _groups[group];
            for (int i = start; i < end; i++)
            {
                Release(g, ParseId(acks[i].EntryId));
            }
        }
    }

    public void Touch(string group, string consumer, IEnumerable<BusDelivery> deliveries)
    {
        lock (_lock)
        {
            Group g = _groups[group];
            DateTimeOffset now = time.GetUtcNow();
            foreach (BusDelivery delivery in deliveries)
            {
                long id = ParseId(delivery.EntryId);
                if (g.Pending.TryGetValue(id, out Pending? pending))
                {
                    g.Pending[id] = pending with { Consumer = consumer, DeliveredAt = now };
                }
            }
        }
    }

    public long Trim()
    {
        lock (_lock)
        {
            return TrimLocked();
        }
    }

    public StreamStatus Status(string group)
    {
        lock (_lock)
        {
            return new StreamStatus(_entries.Count, _groups.TryGetValue(group, out Group? g) ? g.Pending.Count : 0);
        }
    }

    private void Release(Group g, long id)
    {
        if (g.Pending.Remove(id) && _groups.Count == 1 && id >= _first)
        {
            // No other group will read it: let the message go now rather than at the next trim, so that it dies young
            // instead of being promoted with everything still in the stream.
            _entries[(int)(id - _first)] = null;
        }
    }

    private int TrimLocked()
    {
        // Everything before the oldest entry some group still needs can go.
        long keepFrom = _groups.Count == 0
            ? 0
            : _groups.Values.Min(g => g.Pending.Count > 0 ? Math.Min(g.Pending.Keys.Min(), g.LastDelivered + 1) : g.LastDelivered + 1);
        int drop = (int)Math.Clamp(keepFrom - _first, 0, _entries.Count);
        _entries.RemoveRange(0, drop);
        _first += drop;
        return drop;
    }

    private static string EntryId(long id) => $"{id}-0";

    private static long ParseId(string entryId) => long.Parse(entryId.AsSpan(0, entryId.IndexOf('-', StringComparison.Ordinal)), System.Globalization.CultureInfo.InvariantCulture);

    private sealed class Group
    {
        public long LastDelivered { get; set; }

        public Dictionary<long, Pending> Pending { get; } = [];
    }

    private sealed record Pending(string Consumer, DateTimeOffset DeliveredAt, long Count);
}
