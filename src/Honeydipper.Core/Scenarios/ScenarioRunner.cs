using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Engine;
using Honeydipper.Core.Engine.Runs;
using Honeydipper.Core.Engine.State;

namespace Honeydipper.Core.Scenarios;

/// <summary>
/// Runs a scenario against a configuration with stubbed drivers and a virtual clock: answers are delivered in the
/// order calls were made, and when nothing else can happen the clock jumps to the next wait's timeout.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>More driver calls than this in one scenario is taken for an endless loop.</summary>
    public const int MaxCalls = 10_000;

    /// <param name="scenario">The scenario.</param>
    /// <param name="config">The configuration it runs against.</param>
    /// <param name="restartEveryTurn">
    /// Replace the engine after every turn by a new one restored from the state the last one saved (through
    /// <see cref="StateJson"/>), as after a crash or a failover: the outcome must be the same.
    /// </param>
    public static ScenarioResult Run(Scenario scenario, HoneydipperConfig config, bool restartEveryTurn = false)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(config);
        VirtualClock clock = new();
        StubDriverHost host = new(scenario.Stubs);
        int eventIds = 0;
        EngineOptions options = new() { Time = clock, EventIds = () => $"event-{eventIds++}", CaptureCommandContext = true };
        WorkflowEngine engine = new(host, options);
        engine.Configure(config);
        SavedState? saved = restartEveryTurn ? new SavedState() : null;
        List<string> failures = [];
        try
        {
            Start(engine, scenario);
            Drive(ref engine, host, clock, failures, saved, () =>
            {
                WorkflowEngine fresh = new(host, options);
                fresh.Configure(config);
                return fresh;
            });
        }
        catch (WorkflowException ex)
        {
            failures.Add($"could not start: {ex.Message}");
        }

        List<RunRecord> runs = [.. host.Runs];
        if (failures.Count == 0)
        {
            ScenarioChecks.Check(scenario.Expect, host.Calls, runs, failures);
        }

        return new ScenarioResult(scenario, failures, host.Calls, runs);
    }

    private static void Start(WorkflowEngine engine, Scenario scenario)
    {
        IDictionary<string, object?>? ctx = scenario.Ctx is null ? null : Values.DataTree.CopyMap(scenario.Ctx);
        if (scenario.Event is { } e)
        {
            engine.HandleEvent(e.Driver, e.RawEvent, Values.DataTree.DeepCopy(e.Data));
        }
        else if (scenario.Workflow.Length > 0)
        {
            engine.StartWorkflow(scenario.Workflow, null, ctx);
        }
        else
        {
            engine.StartWorkflow(string.Empty, scenario.Do, ctx);
        }
    }

    private static void Drive(ref WorkflowEngine engine, StubDriverHost host, VirtualClock clock, List<string> failures, SavedState? saved, Func<WorkflowEngine> create)
    {
        while (true)
        {
            if (saved is not null)
            {
                engine = saved.Restart(engine, create);
            }

            if (host.AnswerOne(engine))
            {
                if (host.Calls.Count > MaxCalls)
                {
                    failures.Add($"more than {MaxCalls} driver calls: the workflow seems to loop forever");
                    return;
                }

                continue;
            }

            if (engine.NextTimerDue is { } due)
            {
                clock.AdvanceTo(due);
                engine.FireDueTimers();
                continue;
            }

            return;
        }
    }
}
