using Honeydipper.Benchmarks.Harness;

namespace Honeydipper.Benchmarks.Matching;

public sealed class RuleMatchMeasurement : BenchmarkDotNetMeasurement<RuleMatchBenchmarks>
{
    public override string Name => "matching";

    protected override IReadOnlyList<(string Method, string TimeMetric, string AllocationMetric, string Description)> Metrics =>
    [
        ("MatchAll", "match_1000_rules_ns", "match_1000_rules_alloc_bytes", "one event against 1,000 compiled criteria, one matching"),
    ];
}
