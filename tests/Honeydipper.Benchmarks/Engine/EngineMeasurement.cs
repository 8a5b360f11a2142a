using Honeydipper.Benchmarks.Harness;
using Honeydipper.Bus.InProcess;

namespace Honeydipper.Benchmarks.Engine;

/// <summary>
/// The engine alone on the in-process bus with the no-op driver in this process: runs per second and event→first
/// command latency with 1,000 rules (one matching), then events per second with 10 and with 10,000 non-matching rules
/// side by side.
/// </summary>
public sealed class EngineMeasurement : IMeasurement
{
    public string Name => "engine";

    public async Task<IReadOnlyList<Figure>> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        int runs = options.Quick ? 10_000 : 40_000;
        // The first measurement warms the JIT up for all (tiering takes seconds of load: with less, the figure measured
        // tier-0 code and the tiering thread); each later one only warms its own host.
        TimeSpan firstWarmUp = TimeSpan.FromSeconds(options.Quick ? 5 : 10);
        TimeSpan warmUp = TimeSpan.FromSeconds(options.Quick ? 2 : 3);
        int samples = options.Quick ? 1_000 : 5_000;
        List<Figure> figures = [];

        (double rate, double[] latencies) = await MeasureAsync(999, runs, samples, firstWarmUp).ConfigureAwait(false);
        figures.Add(new Figure("engine_runs_per_s", Math.Round(rate), "runs/s", "3-step workflow runs, 1,000 rules (one matching), in-process bus, no-op driver"));
        figures.Add(new Figure("engine_p50_ms", Math.Round(EngineLoad.Percentile(latencies, 0.50), 3), "ms", "event published → first command at the driver, one event at a time"));
        figures.Add(new Figure("engine_p99_ms", Math.Round(EngineLoad.Percentile(latencies, 0.99), 3), "ms", "event published → first command at the driver, one event at a time"));

        // Side by side, twice each in alternation, best of two: one noisy neighbour burst should not decide the ratio.
        double ten = 0, tenThousand = 0;
        for (int round = 0; round < 2; round++)
        {
            ten = Math.Max(ten, (await MeasureAsync(9, runs / 2, 0, warmUp).ConfigureAwait(false)).Rate);
            tenThousand = Math.Max(tenThousand, (await MeasureAsync(10_000, runs / 2, 0, warmUp).ConfigureAwait(false)).Rate);
        }

        figures.Add(new Figure("rules_10_events_per_s", Math.Round(ten), "events/s", "events (each running the 3-step workflow) with 10 rules"));
        figures.Add(new Figure("rules_10k_events_per_s", Math.Round(tenThousand), "events/s", "the same with 10,000 non-matching rules more on the same event"));
        figures.Add(new Figure("rules_10k_vs_10_ratio", Math.Round(tenThousand / ten, 3), "ratio", "events/s with 10,000 rules ÷ with 10 (target ≥ 0.8)"));
        return figures;
    }

    private static async Task<(double Rate, double[] Latencies)> MeasureAsync(int nonMatching, int runs, int latencySamples, TimeSpan warmUp)
    {
        await using InProcessBus bus = new();
        string ns = "bench";
        await using EngineLoad load = await EngineLoad.StartAsync(bus, ns, BenchConfig.Build(nonMatching), durable: false).ConfigureAwait(false);
        await using NoopDriver driver = new(bus, ns, load);
        TimeSpan timeout = TimeSpan.FromMinutes(2);
        await load.WarmUpAsync(warmUp, 2_000, 1_000, timeout).ConfigureAwait(false);
        double rate = await load.RunAsync(runs, 1_000, false, timeout).ConfigureAwait(false);
        double[] latencies = [];
        if (latencySamples > 0)
        {
            await load.RunAsync(latencySamples, 1, true, timeout).ConfigureAwait(false);
            latencies = load.TakeLatencies();
        }

        return (rate, latencies);
    }
}
