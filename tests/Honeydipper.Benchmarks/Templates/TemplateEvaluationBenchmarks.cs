using BenchmarkDotNet.Attributes;
using Honeydipper.Core.Interpolation;
using Honeydipper.Core.Templates;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Benchmarks.Templates;

/// <summary>
/// A typical run-time template: fields of the session context and the event, a pipeline, and sprig calls — the shape of
/// the github push notification in honeydipper-config-essentials — parsed once and executed per event.
/// </summary>
[MemoryDiagnoser]
public class TemplateEvaluationBenchmarks
{
    private const string Text =
        "{{ .ctx.git_repo }}@{{ .event.json.ref | base }}: {{ default \"no message\" .ctx.message | trunc 40 }} by {{ .event.json.pusher.name }}";

    private GoTemplate _template = null!;
    private Interpolator _interpolator = null!;
    private Dictionary<string, object?> _env = null!;
    private object? _with;

    [GlobalSetup]
    public void Setup()
    {
        _template = GoTemplate.Parse("go", Text);
        _interpolator = new Interpolator();
        _env = (Dictionary<string, object?>)GoYaml.Parse("""
            ctx: {git_repo: honeydipper/honeydipper, message: fix the flaky test in the session store and add a regression test}
            event: {json: {ref: refs/heads/main, pusher: {name: alice}, repository: {full_name: honeydipper/honeydipper}}}
            data: {}
            labels: {status: success}
            """)!;
        _with = GoYaml.Parse($$"""
            channel: $ctx.channel,"#deploys"
            text: '{{Text}}'
            repo: $ctx.git_repo
            """);
    }

    [Benchmark]
    public string EvaluateTemplate() => _template.Execute(_env);

    [Benchmark]
    public object? InterpolateWith() => _interpolator.Interpolate(_with, _env);
}
