namespace Honeydipper.Benchmarks.Harness;

/// <summary>How a run was asked for: quick (a short job, for CI and local checks) or full.</summary>
public sealed record RunOptions(bool Quick, string ArtifactsPath, IReadOnlyList<string> Filters)
{
    public bool Selects(IMeasurement measurement) =>
        Filters.Count == 0 || Filters.Any(f => measurement.Name.Contains(f, StringComparison.OrdinalIgnoreCase));
}
