using Honeydipper.Benchmarks.Engine;
using Honeydipper.Benchmarks.Harness;
using Honeydipper.Bus.Redis;
using Honeydipper.Testing;

namespace Honeydipper.Benchmarks.Redis;

/// <summary>
/// One redis-server, two figures side by side: the raw Streams rate, and workflow runs per second end to end through
/// it (a durable engine host, two real <c>honeydipper driver echo</c> processes serving the no-op action).
/// </summary>
public sealed class RedisMeasurement : IMeasurement
{
    /// <summary>A 3-step run's trips over the bus: its event, and a command and a return for each step.</summary>
    public const int MessagesPerRun = 7;

    public string Name => "redis";

    public async Task<IReadOnlyList<Figure>> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        await using RedisServer redis = await RedisServer.StartAsync().ConfigureAwait(false);
        int rawCount = options.Quick ? 30_000 : 300_000;
        int runs = options.Quick ? 600 : 6_000;

        await RawStreamRate.MeasureAsync(redis.Configuration, rawCount / 5, cancellationToken).ConfigureAwait(false); // warm-up
        double raw = await RawStreamRate.MeasureAsync(redis.Configuration, rawCount, cancellationToken).ConfigureAwait(false);

        string ns = "bench-e2e";
        await using RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration }).ConfigureAwait(false);
        await using EngineLoad load = await EngineLoad.StartAsync(bus, ns, BenchConfig.Build(999), durable: true).ConfigureAwait(false);
        await using DriverProcess one = DriverProcess.Start(redis.Configuration, ns, BenchConfig.Driver);
        await using DriverProcess two = DriverProcess.Start(redis.Configuration, ns, BenchConfig.Driver);
        TimeSpan timeout = TimeSpan.FromMinutes(3);
        // The drivers' start, and tiering in all three processes: with 5 s, the driver processes' JIT still took a
        // fifth of the machine during the measured runs (perf, "Tiered Compilation" threads); from about 15 s on it
        // is done, and the figure is that of the steady state a driver pod is in.
        await load.WarmUpAsync(TimeSpan.FromSeconds(options.Quick ? 3 : 15), 200, 500, timeout).ConfigureAwait(false);
        double e2e = await load.RunAsync(runs, 500, false, timeout).ConfigureAwait(false);

        double messages = e2e * MessagesPerRun;
        return
        [
            new Figure("redis_raw_msgs_per_s", Math.Round(raw), "msgs/s", "XADD + XREADGROUP + XACK, pipelined, command-sized entries, one stream"),
            new Figure("redis_e2e_runs_per_s", Math.Round(e2e), "runs/s", "3-step runs through Redis: durable engine + 2 `honeydipper driver echo` processes"),
            new Figure("redis_e2e_msgs_per_s", Math.Round(messages), "msgs/s", $"the stream messages those runs carried end to end ({MessagesPerRun} a run: event, 3 commands, 3 returns)"),
            new Figure("redis_e2e_ratio", Math.Round(messages / raw, 4), "ratio", "e2e msgs/s ÷ raw msgs/s, same server, same run (target ≥ 0.3)"),
            new Figure("redis_e2e_runs_ratio", Math.Round(e2e / raw, 4), "ratio", $"e2e runs/s ÷ raw msgs/s (at most 1/{MessagesPerRun} by construction)"),
        ];
    }
}
