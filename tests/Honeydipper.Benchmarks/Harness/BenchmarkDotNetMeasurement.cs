using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Honeydipper.Benchmarks.Harness;

/// <summary>
/// A measurement made of BenchmarkDotNet micro-benchmarks: runs <typeparamref name="TBenchmarks"/> in-process (no extra
/// build, so a quick run fits in CI) and turns each benchmark's mean time and allocations into figures.
/// </summary>
public abstract class BenchmarkDotNetMeasurement<TBenchmarks> : IMeasurement
{
    public abstract string Name { get; }

    /// <summary>The figure names of each benchmark method: (method, time metric, allocation metric, description).</summary>
    protected abstract IReadOnlyList<(string Method, string TimeMetric, string AllocationMetric, string Description)> Metrics { get; }

    public Task<IReadOnlyList<Figure>> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        Job job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance);
        // Fixed iteration counts: left to itself, BenchmarkDotNet runs up to 100 iterations while a shared machine is
        // noisy (one full run took 190 s for one benchmark), and make bench must stay within 10 minutes. Full: 20
        // iterations of half a second after 6 of warm-up. Quick: 5 of a quarter second, so that make bench QUICK=1
        // fits two minutes even with a cold build.
        job = options.Quick
            ? job.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithIterationTime(TimeInterval.FromMilliseconds(250)).WithId("quick")
            : job.WithLaunchCount(1).WithWarmupCount(6).WithIterationCount(20).WithId("full");
        ManualConfig config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .WithArtifactsPath(options.ArtifactsPath)
            .WithOptions(ConfigOptions.DisableLogFile);
        Summary summary = BenchmarkRunner.Run<TBenchmarks>(config);
        List<Figure> figures = [];
        foreach ((string method, string timeMetric, string allocationMetric, string description) in Metrics)
        {
            BenchmarkReport report = summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)
                ?? throw new InvalidOperationException($"benchmark {typeof(TBenchmarks).Name}.{method} produced no report");
            double mean = report.ResultStatistics?.Mean
                ?? throw new InvalidOperationException($"benchmark {typeof(TBenchmarks).Name}.{method} failed; see the log above");
            long allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
            figures.Add(new Figure(timeMetric, Math.Round(mean, 1), "ns", description));
            figures.Add(new Figure(allocationMetric, allocated, "bytes", description + " (allocated per operation)"));
        }

        return Task.FromResult<IReadOnlyList<Figure>>(figures);
    }
}
