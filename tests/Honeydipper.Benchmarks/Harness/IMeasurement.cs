namespace Honeydipper.Benchmarks.Harness;

/// <summary>
/// One thing the harness measures. Implementations are found by reflection, so a new figure (engine runs per second,
/// Redis rates, operator timings) is a new class implementing this interface — micro-benchmarks through
/// <see cref="BenchmarkDotNetMeasurement{TBenchmarks}"/>, load drivers directly — and nothing else changes.
/// </summary>
public interface IMeasurement
{
    /// <summary>A short name, used to select measurements on the command line.</summary>
    string Name { get; }

    Task<IReadOnlyList<Figure>> RunAsync(RunOptions options, CancellationToken cancellationToken);
}
