using System.Collections.Concurrent;
using System.Diagnostics;
using Honeydipper.Bus;
using Honeydipper.Bus.Protocol;
using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Engine.Runs;
using Honeydipper.Hosting;

namespace Honeydipper.Benchmarks.Engine;

/// <summary>
/// A load driver for one engine host on a bus: publishes events as a driver would and counts finished runs. Commands
/// are served by whatever no-op driver the caller started (in this process or as real processes); the first step's
/// command is reported back through <see cref="FirstCommand"/> for latency.
/// </summary>
public sealed class EngineLoad : IAsyncDisposable
{
    private readonly IMessageBus _bus;
    private readonly string _ns;
    private readonly ConcurrentDictionary<string, long> _published = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<double> _latencies = [];
    private readonly EngineHost _host;
    private const string EventIdLabel = "eventID";
    // Touched only by OnRuns, which the host calls on its loop, one turn at a time: no locks on the engine's thread.
    private readonly HashSet<string> _done = new(StringComparer.Ordinal);
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);
    private int _startedCount;
    private long _finished;
    private long _failed;
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EngineLoad(IMessageBus bus, string ns, EngineHost host)
    {
        _bus = bus;
        _ns = ns;
        _host = host;
        _host.RunsChanged += OnRuns;
    }

    public static async Task<EngineLoad> StartAsync(IMessageBus bus, string ns, HoneydipperConfig config, bool durable)
    {
        EngineHost host = new(bus, new EngineHostOptions { Namespace = ns, Instance = "bench-engine", Durable = durable });
        EngineLoad load = new(bus, ns, host);
        await host.StartAsync(config).ConfigureAwait(false);
        return load;
    }

    public long Finished => Interlocked.Read(ref _finished);

    /// <summary>Runs seen at all, finished or still going (waiting ones, for the memory figure).</summary>
    public int Started => Volatile.Read(ref _startedCount);

    /// <summary>Called by the no-op driver with each command it serves: the first step's command ends a latency sample.</summary>
    public void FirstCommand(BusCommand command)
    {
        long now = Stopwatch.GetTimestamp();
        if (command.Labels.TryGetValue(EventIdLabel, out string? eventId) && _published.TryRemove(eventId, out long sent))
        {
            _latencies.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
        }
    }

    /// <summary>Publishes <paramref name="count"/> events, at most <paramref name="window"/> unfinished at once, and
    /// waits for their runs; returns finished runs per second over the whole span.</summary>
    public async Task<double> RunAsync(int count, int window, bool sampleLatency, TimeSpan timeout)
    {
        long start = Finished;
        long target = start + count;
        Stopwatch clock = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            while (i - (Finished - start) >= window)
            {
                await WaitProgressAsync(clock, timeout).ConfigureAwait(false);
            }

            await PublishAsync(i, sampleLatency).ConfigureAwait(false);
        }

        while (Finished < target)
        {
            await WaitProgressAsync(clock, timeout).ConfigureAwait(false);
        }

        clock.Stop();
        if (Interlocked.Read(ref _failed) > 0)
        {
            throw new InvalidOperationException($"{_failed} benchmark runs did not succeed");
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Runs batches of <paramref name="batch"/> runs until at least <paramref name="minimum"/> has passed: long enough for
    /// the JIT to have tiered the hot paths up (a short warm-up leaves them in tier-0 and instrumented code, and the
    /// tiering thread competing for the cores, which the quick figures then measured instead of the engine).
    /// </summary>
    public async Task WarmUpAsync(TimeSpan minimum, int batch, int window, TimeSpan timeout)
    {
        Stopwatch clock = Stopwatch.StartNew();
        do
        {
            await RunAsync(batch, window, false, timeout).ConfigureAwait(false);
        }
        while (clock.Elapsed < minimum);
    }

    /// <summary>Publishes one event that the matching rule takes, as a driver would.</summary>
    public Task PublishAsync(int n, bool sampleLatency)
    {
        string id = Guid.NewGuid().ToString("N");
        if (sampleLatency)
        {
            _published[id] = Stopwatch.GetTimestamp();
        }

        BusEvent ev = new(id, "bench", "go", new Dictionary<string, string> { [EventIdLabel] = id },
            new Dictionary<string, object?> { ["key"] = BenchConfig.MatchingKey, ["n"] = (double)n });
        return _bus.PublishAsync(StreamName.Events(_ns), ev.ToMessage());
    }

    /// <summary>The latencies sampled so far (milliseconds), sorted, and forgets them.</summary>
    public double[] TakeLatencies()
    {
        double[] all = [.. _latencies.Order()];
        _latencies.Clear();
        return all;
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    public Task<int> SessionCountAsync() => _host.InspectAsync(e => e.SessionCount);

    public ValueTask DisposeAsync()
    {
        _host.RunsChanged -= OnRuns;
        return _host.DisposeAsync();
    }

    private async Task WaitProgressAsync(Stopwatch clock, TimeSpan timeout)
    {
        Task progress = Volatile.Read(ref _progress).Task;
        TimeSpan left = timeout - clock.Elapsed;
        try
        {
            await progress.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the engine stopped finishing runs ({Finished} finished after {clock.Elapsed.TotalSeconds:0.0} s)");
        }
    }

    private void OnRuns(IReadOnlyCollection<RunRecord> runs)
    {
        foreach (RunRecord run in runs)
        {
            if (_started.Add(run.Id))
            {
                Interlocked.Increment(ref _startedCount);
            }

            if (run.FinishedAt is not null && _done.Add(run.Id))
            {
                Interlocked.Increment(ref _finished);
                if (run.Phase != RunPhase.Succeeded)
                {
                    Interlocked.Increment(ref _failed);
                }
            }
        }

        Interlocked.Exchange(ref _progress, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }
}
