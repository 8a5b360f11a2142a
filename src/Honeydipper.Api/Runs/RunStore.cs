using System.Threading.Channels;
using Honeydipper.Core.Engine.Runs;

namespace Honeydipper.Api.Runs;

/// <summary>
/// The runs of a namespace as the API serves them: the latest snapshot of each, the newest <c>keep</c> of them, with
/// listeners for live updates. Snapshots are never changed, so readers share them without copying.
/// </summary>
public sealed class RunStore(int keep = 10_000)
{
    private readonly Dictionary<string, RunRecord> _runs = new(StringComparer.Ordinal);
    private readonly List<Channel<RunRecord>> _listeners = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RunRecord[]? _sorted;

    /// <summary>Raised once per run, when the store first sees it.</summary>
    public event Action<RunRecord>? Started;

    public int Count
    {
        get
        {
            lock (_runs)
            {
                return _runs.Count;
            }
        }
    }

    /// <summary>Completes at the next change (take it before reading, then await it).</summary>
    public Task NextChange
    {
        get
        {
            lock (_runs)
            {
                return _changed.Task;
            }
        }
    }

    public void Record(IEnumerable<RunRecord> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        List<RunRecord> started = [];
        List<RunRecord> changed = [];
        TaskCompletionSource wake;
        lock (_runs)
        {
            foreach (RunRecord run in runs)
            {
                if (!_runs.ContainsKey(run.Id))
                {
                    started.Add(run);
                }

                _runs[run.Id] = run;
                changed.Add(run);
            }

            _sorted = null;
            if (_runs.Count > keep)
            {
                foreach (RunRecord old in Sorted().Skip(keep).ToList())
                {
                    _runs.Remove(old.Id);
                }

                _sorted = null;
            }

            foreach (Channel<RunRecord> listener in _listeners)
            {
                foreach (RunRecord run in changed)
                {
                    listener.Writer.TryWrite(run);
                }
            }

            wake = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        foreach (RunRecord run in started)
        {
            Started?.Invoke(run);
        }

        wake.TrySetResult();
    }

    public RunRecord? Get(string id)
    {
        lock (_runs)
        {
            return _runs.GetValueOrDefault(id);
        }
    }

    /// <summary>Every run, newest first (started later first, then by id).</summary>
    public IReadOnlyList<RunRecord> List()
    {
        lock (_runs)
        {
            return Sorted();
        }
    }

    /// <summary>The runs an event started.</summary>
    public IReadOnlyList<RunRecord> ForEvent(string eventId) => [.. List().Where(r => r.EventId == eventId)];

    /// <summary>
    /// Every run now, then each change as it happens, until the token is cancelled. A slow reader gets the latest
    /// state of each run it missed, never a backlog without end: the channel keeps at most 1,000 updates.
    /// </summary>
    public async IAsyncEnumerable<RunRecord> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Channel<RunRecord> channel = Channel.CreateBounded<RunRecord>(new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.DropOldest });
        RunRecord[] now;
        lock (_runs)
        {
            now = Sorted();
            _listeners.Add(channel);
        }

        try
        {
            foreach (RunRecord run in now.Reverse())
            {
                yield return run;
            }

            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out RunRecord? run))
                {
                    yield return run;
                }
            }
        }
        finally
        {
            lock (_runs)
            {
                _listeners.Remove(channel);
            }
        }
    }

    private RunRecord[] Sorted() => _sorted ??= [.. _runs.Values.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal)];
}
