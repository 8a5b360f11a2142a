using System.Globalization;
using System.Text;
using Honeydipper.Core.Config.Loading;
using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Benchmarks.Engine;

/// <summary>
/// The configuration the engine figures use: <c>ruleCount</c> rules on one raw event (<c>bench.go</c>), each pinned to
/// its own <c>key</c>, of which events only ever carry <see cref="MatchingKey"/>; the matching rule runs a 3-step
/// workflow calling <c>noop.return</c> (or waits an hour, for the memory figure).
/// </summary>
public static class BenchConfig
{
    public const string MatchingKey = "k-match";
    public const string Driver = "noop";

    public static HoneydipperConfig Build(int nonMatchingRules, string workflow = "three")
    {
        StringBuilder yaml = new();
        yaml.Append(CultureInfo.InvariantCulture, $$"""
            drivers:
              {{Driver}}: {}
            workflows:
              three:
                steps:
                  - call_driver: {{Driver}}.return
                    with: {step: first}
                  - call_driver: {{Driver}}.return
                    with: {step: second}
                  - call_driver: {{Driver}}.return
                    with: {step: third}
              waiter:
                steps:
                  - wait: 1h
            rules:

            """);
        for (int i = 0; i < nonMatchingRules; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - when: {{driver: bench, rawevent: go, if_match: {{key: k-{i}}}}}\n    do: {{call_workflow: {workflow}}}\n");
        }

        yaml.Append(CultureInfo.InvariantCulture, $"  - when: {{driver: bench, rawevent: go, if_match: {{key: {MatchingKey}}}}}\n    do: {{call_workflow: {workflow}}}\n");
        ConfigLoadResult result = InlineConfig.Load(GoYaml.Parse(yaml.ToString()), "bench");
        if (result.Problems.Count > 0)
        {
            throw new InvalidOperationException("the benchmark configuration does not load: " + string.Join("; ", result.Problems));
        }

        return result.Config;
    }
}
