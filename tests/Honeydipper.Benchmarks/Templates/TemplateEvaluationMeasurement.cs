using Honeydipper.Benchmarks.Harness;

namespace Honeydipper.Benchmarks.Templates;

public sealed class TemplateEvaluationMeasurement : BenchmarkDotNetMeasurement<TemplateEvaluationBenchmarks>
{
    public override string Name => "templates";

    protected override IReadOnlyList<(string Method, string TimeMetric, string AllocationMetric, string Description)> Metrics =>
    [
        ("EvaluateTemplate", "template_eval_ns", "template_eval_alloc_bytes", "one workflow-like template (fields, pipeline, sprig)"),
        ("InterpolateWith", "interpolate_with_ns", "interpolate_with_alloc_bytes", "a 3-key `with` map: path, default, template"),
    ];
}
