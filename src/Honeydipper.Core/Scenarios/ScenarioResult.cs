using Honeydipper.Core.Engine.Runs;

namespace Honeydipper.Core.Scenarios;

/// <summary>How one scenario went: its failures (empty when it passed), the calls it made and the runs it started.</summary>
public sealed record ScenarioResult(Scenario Scenario, IReadOnlyList<string> Failures, IReadOnlyList<RecordedCall> Calls, IReadOnlyList<RunRecord> Runs)
{
    public bool Passed => Failures.Count == 0;
}
