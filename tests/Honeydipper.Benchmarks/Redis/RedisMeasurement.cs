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
        await load.WarmUpAsync(TimeSpan.FromSeconds(options.Quick ? 3 : 5), 200, 500, timeout).ConfigureAwait(false); // the drivers' start, and tiering in all three processes
        double e2e = await load.RunAsync(runs, 500, false, timeout).ConfigureAwait(false);

        return
        [
            new Figure("redis_raw_msgs_per_s", Math.Round(raw), "msgs/s", "XADD + XREADGROUP + XACK, pipelined, command-sized entries, one stream"),
            new Figure("redis_e2e_runs_per_s", Math.Round(e2e), "runs/s", "3-step runs through Redis: durable engine + 2 `honeydipper driver echo` processes"),
            new Figure("redis_e2e_ratio", Math.Round(e2e / raw, 4), "ratio", "e2e runs/s ÷ raw msgs/s, same server, same run (target ≥ 0.3)"),
        ];
    }
}
