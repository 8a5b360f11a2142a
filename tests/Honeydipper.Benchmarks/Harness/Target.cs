using System.Globalization;

namespace Honeydipper.Benchmarks.Harness;

/// <summary>A DESIGN §8 performance target for one figure, checked in the closing note of a run.</summary>
public sealed record Target(string Metric, bool AtLeast, double Threshold)
{
    /// <summary>DESIGN §8, figure by figure.</summary>
    public static readonly IReadOnlyList<Target> Design =
    [
        new("engine_runs_per_s", AtLeast: true, 20_000),
        new("engine_p99_ms", AtLeast: false, 1),
        new("redis_e2e_ratio", AtLeast: true, 0.30),
        new("rules_10k_vs_10_ratio", AtLeast: true, 0.80),
        new("memory_10k_mb", AtLeast: false, 400),
        new("operator_1000_ready_s", AtLeast: false, 10),
        new("gitsync_1000_files_s", AtLeast: false, 5),
    ];

    public bool Met(double value) => AtLeast ? value >= Threshold : value < Threshold;

    public string Describe(Figure figure) => string.Create(CultureInfo.InvariantCulture,
        $"{Metric}: {figure.Value} {figure.Unit}, target {(AtLeast ? "≥" : "<")} {Threshold}: {(Met(figure.Value) ? "met" : "MISSED")}");
}
