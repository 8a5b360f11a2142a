using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Engine;
using Honeydipper.Core.Engine.Runs;

namespace Honeydipper.Core.Scenarios;

/// <summary>
/// Runs a scenario against a configuration with stubbed drivers and a virtual clock: answers are delivered in the
/// order calls were made, and when nothing else can happen the clock jumps to the next wait's timeout.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>More driver calls than this in one scenario is taken for an endless loop.</summary>
    public const int MaxCalls = 10_000;

    public static ScenarioResult Run(Scenario scenario, HoneydipperConfig config)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(config);
        VirtualClock clock = new();
        StubDriverHost host = new(scenario.Stubs);
        int eventIds = 0;
        WorkflowEngine engine = new(host, new EngineOptions { Time = clock, EventIds = () => $"event-{eventIds++}" });
        engine.Configure(config);
        List<string> failures = [];
        try
        {
            Start(engine, scenario);
            Drive(engine, host, clock, failures);
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

    private static void Drive(WorkflowEngine engine, StubDriverHost host, VirtualClock clock, List<string> failures)
    {
        while (true)
        {
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
