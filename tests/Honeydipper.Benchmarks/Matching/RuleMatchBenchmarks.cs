using BenchmarkDotNet.Attributes;
using Honeydipper.Core.Matching;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Benchmarks.Matching;

/// <summary>
/// One webhook event checked against 1,000 compiled rule criteria (github push triggers for 1,000 repositories, with a
/// regex on the branch), of which exactly one matches: the cost of a full rule pass without any indexing.
/// </summary>
[MemoryDiagnoser]
public class RuleMatchBenchmarks
{
    public const int RuleCount = 1000;

    private Criteria[] _rules = null!;
    private object? _event;

    [GlobalSetup]
    public void Setup()
    {
        _rules = new Criteria[RuleCount];
        for (int i = 0; i < RuleCount; i++)
        {
            _rules[i] = Criteria.Compile(GoYaml.Parse($$"""
                url: /hooks/github
                headers: {X-Github-Event: push}
                json:
                  repository: {full_name: org/repo-{{i}}}
                  ref: ':regex:^refs/heads/(main|release-.+)$'
                """));
        }

        _event = GoYaml.Parse("""
            url: /hooks/github
            method: POST
            headers: {X-Github-Event: [push], Content-Type: [application/json], User-Agent: [GitHub-Hookshot/1]}
            json:
              ref: refs/heads/main
              repository: {full_name: org/repo-500, private: false}
              pusher: {name: alice}
              commits: [{id: abc, message: one}, {id: def, message: two}]
            """);
        if (MatchAll() != 1)
        {
            throw new InvalidOperationException("the benchmark must match exactly one rule");
        }
    }

    [Benchmark]
    public int MatchAll()
    {
        int matched = 0;
        foreach (Criteria rule in _rules)
        {
            if (rule.Matches(_event))
            {
                matched++;
            }
        }

        return matched;
    }
}
