using Honeydipper.Core.Scenarios;

namespace Honeydipper.Core.Tests.Scenarios;

/// <summary>
/// Durable sessions: every scenario of tests/scenarios runs again with the engine replaced after every turn by a new
/// one restored from its saved state (through the state JSON), as after a crash or a failover. The outcome must not
/// change: same calls, same statuses, same exports.
/// </summary>
public sealed class RestartEveryTurnTests
{
    public static TheoryData<string> Files() => [.. Directory.EnumerateFiles(Path.Combine(RepoPaths.RepoRoot, "tests", "scenarios"), "*.yaml", SearchOption.AllDirectories)
        .Where(ScenarioReader.IsScenarioFile)
        .Select(f => Path.GetRelativePath(RepoPaths.RepoRoot, f))
        .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_scenario_ends_the_same_when_the_engine_restarts_after_every_turn(string file)
    {
        ScenarioSuite suite = new ScenarioReader().Read(Path.Combine(RepoPaths.RepoRoot, file));
        Assert.NotEmpty(suite.Scenarios);
        List<string> failures = [];
        foreach (Scenario scenario in suite.Scenarios)
        {
            ScenarioResult straight = ScenarioRunner.Run(scenario, suite.Config.Config);
            ScenarioResult restarted = ScenarioRunner.Run(scenario, suite.Config.Config, restartEveryTurn: true);
            if (!restarted.Passed)
            {
                failures.Add($"{scenario.Name}: {string.Join("; ", restarted.Failures)}");
            }

            Assert.Equal(straight.Calls.Select(c => c.ToString()), restarted.Calls.Select(c => c.ToString()));
        }

        Assert.Empty(failures);
    }
}
