using Honeydipper.Core.Engine;
using Honeydipper.Core.Engine.Runs;
using Honeydipper.Core.Engine.State;

namespace Honeydipper.Core.Tests.Engine;

public sealed class WorkflowEngineTests
{
    private const string Config = """
        drivers: {d: {}}
        workflows:
          two_steps:
            steps:
              - call_driver: d.one
              - call_driver: d.two
          waiter:
            steps:
              - wait: infinite
              - call_driver: d.after
                with: {got: $data.answer, status: '{{ .labels.status }}'}
        rules:
          - when: {driver: webhook, if_match: {url: /go}}
            do: {call_workflow: two_steps}
        """;

    [Fact]
    public void A_run_record_follows_the_run_with_deterministic_node_ids()
    {
        EngineFixture f = new(Config);
        string runId = f.Engine.StartWorkflow("two_steps", null, null);
        Assert.Equal("0", runId);
        Assert.Equal(RunPhase.Running, f.Output.Runs[runId].Phase);
        f.Answer(0);
        f.Answer(1, Statuses.Failure, "nope");
        RunRecord run = f.Output.Runs[runId];
        Assert.Equal(RunPhase.Failed, run.Phase); // the last step's status is the run's
        Assert.Equal("nope", run.Reason);
        Assert.Equal(["r", "r.s0", "r.s0.call1", "r.s1", "r.s1.call1"], run.Nodes.Select(n => n.Id));
        Assert.Equal(["", "r", "r.s0", "r", "r.s1"], run.Nodes.Select(n => n.Parent));
        Assert.Equal(RunPhase.Failed, run.Node("r.s1.call1")!.Phase);
        Assert.Equal("nope", run.Node("r.s1.call1")!.Message);
        Assert.Equal("d.two", run.Node("r.s1.call1")!.Name);
        Assert.Equal(0, f.Engine.SessionCount);
    }

    [Fact]
    public void A_repeated_or_stale_return_is_ignored()
    {
        EngineFixture f = new(Config);
        f.Engine.StartWorkflow("two_steps", null, null);
        f.Answer(0);
        f.Answer(0); // redelivered: the step it answered is over
        Assert.Equal(2, f.Output.Commands.Count);
        f.Engine.HandleReturn(new DriverReturn(f.Command(1).SessionId, "not-the-command", new Dictionary<string, string> { ["status"] = "success" }, null));
        Assert.Equal(2, f.Engine.SessionCount); // the run and its second step still wait for the real answer
        f.Answer(1);
        Assert.Equal(0, f.Engine.SessionCount);
        Assert.Equal(2, f.Output.Commands.Count);
    }

    [Fact]
    public void A_waiting_session_resumes_by_token_with_the_given_status_and_data()
    {
        EngineFixture f = new(Config);
        string runId = f.Engine.StartWorkflow("waiter", null, null);
        Assert.Empty(f.Output.Commands);
        Assert.Equal(RunPhase.Waiting, f.Output.Runs[runId].Node("r.s0")!.Phase);
        Assert.False(f.Engine.Resume("no/such/token", null, null));
        Assert.True(f.Engine.Resume("/waiter/0", new Dictionary<string, string> { ["status"] = "success" }, new Dictionary<string, object?> { ["answer"] = "yes" }));
        DriverCommand after = Assert.Single(f.Output.Commands);
        Assert.Equal("yes", after.Parameters!["got"]);
        Assert.False(f.Engine.Resume("/waiter/0", null, null));
    }

    [Fact]
    public void Cancelling_a_waiting_run_ends_every_session_and_drops_the_wait_and_its_timeout()
    {
        EngineFixture f = new("""
            drivers: {d: {}}
            workflows:
              exit_hook: {call_driver: d.exit_hook}
              parallel:
                with: {hooks: {on_exit: exit_hook}}
                threads:
                  - wait: 1h
                  - call_driver: d.slow
            """);
        string runId = f.Engine.StartWorkflow("parallel", null, null);
        DriverCommand slow = Assert.Single(f.Output.Commands);
        Assert.True(f.Engine.SessionCount >= 3);
        Assert.NotNull(f.Engine.NextTimerDue);

        Assert.True(f.Engine.Cancel(runId, "cancelled by alice"));

        RunRecord run = f.Output.Runs[runId];
        Assert.Equal(RunPhase.Cancelled, run.Phase);
        Assert.Equal(Statuses.Error, run.Status);
        Assert.Equal("cancelled by alice", run.Reason);
        Assert.NotNull(run.FinishedAt);
        Assert.All(run.Nodes, n => Assert.True(n.Phase.IsFinished(), $"{n.Id} is {n.Phase}"));
        Assert.Equal(RunPhase.Cancelled, run.Node("r")!.Phase);
        Assert.Equal(0, f.Engine.SessionCount);
        Assert.Empty(f.Engine.ActiveRuns);
        Assert.Null(f.Engine.NextTimerDue);
        Assert.Equal([slow.CommandId], f.Output.Abandoned); // the driver may stop the one call in flight

        // A late return for the cancelled call is ignored, and no hook ran: the driver saw only the first command.
        f.Engine.HandleReturn(DriverReturn.For(slow, Statuses.Success, string.Empty, null));
        f.Clock.AdvanceTo(f.Clock.GetUtcNow() + TimeSpan.FromHours(2));
        f.Engine.FireDueTimers();
        Assert.Single(f.Output.Commands);
        Assert.Equal(RunPhase.Cancelled, f.Output.Runs[runId].Phase);

        EngineChanges changes = f.Engine.TakeChanges();
        Assert.Empty(changes.Sessions);
        Assert.Contains(runId, changes.EndedRuns);
        Assert.False(f.Engine.Cancel(runId, "again")); // finished runs cannot be cancelled
        Assert.False(f.Engine.Cancel("no-such-run", "x"));
    }

    [Fact]
    public void Steps_with_no_name_and_nothing_to_perform_are_named_by_what_they_are()
    {
        EngineFixture f = new("""
            workflows:
              pause:
                steps:
                  - wait: 1m
                  - switch: $ctx.env
                    cases: {prod: {export: {where: production}}}
                    default: {export: {where: elsewhere}}
                  - export: {done: "yes"}
            """);
        string runId = f.Engine.StartWorkflow("pause", null, new Dictionary<string, object?> { ["env"] = "prod" });
        f.Clock.AdvanceTo(f.Clock.GetUtcNow() + TimeSpan.FromMinutes(2));
        f.Engine.FireDueTimers();

        RunRecord run = f.Output.Runs[runId];
        Assert.Equal(RunPhase.Succeeded, run.Phase);
        Assert.Equal(["pause", "wait 1m", "switch $ctx.env", "export", "export"], run.Nodes.Select(n => n.Name));
        Assert.DoesNotContain(run.Nodes, n => n.Name.Length == 0);
    }

    [Fact]
    public void Cancelling_one_run_leaves_the_others_and_answers_a_waiting_caller()
    {
        EngineFixture f = new(Config);
        string first = f.Engine.StartWorkflow("waiter", null, new Dictionary<string, object?> { ["_output"] = "out" }, new Dictionary<string, string> { ["eventID"] = "e1" });
        string second = f.Engine.StartWorkflow("two_steps", null, null);
        Assert.True(f.Engine.Cancel(first, "stop"));

        (string eventId, IDictionary<string, object?> result) = Assert.Single(f.Output.Results);
        Assert.Equal("e1", eventId);
        Assert.Equal(Statuses.Error, result["status"]);
        Assert.Equal("cancelled: stop", result["error"]);

        Assert.Equal(RunPhase.Running, f.Output.Runs[second].Phase);
        f.Answer(0);
        f.Answer(1);
        Assert.Equal(RunPhase.Succeeded, f.Output.Runs[second].Phase);
        Assert.Equal(0, f.Engine.SessionCount);
    }

    [Fact]
    public void An_event_starts_the_rules_it_matches_and_counts_them()
    {
        EngineFixture f = new(Config);
        Assert.Equal(0, f.Engine.HandleEvent("webhook", string.Empty, new Dictionary<string, object?> { ["url"] = "/other" }));
        Assert.Equal(1, f.Engine.HandleEvent("webhook", string.Empty, new Dictionary<string, object?> { ["url"] = "/go" }, new Dictionary<string, string> { ["eventID"] = "e1" }));
        RunRecord run = Assert.Single(f.Output.Runs.Values);
        Assert.Equal("rule #1 (driver webhook)", run.Rule);
        Assert.Equal("e1", run.EventId);
        Assert.Equal("driver:webhook.", run.EventName);
        Assert.Equal("e1", f.Command(0).Labels["eventID"]);
    }

    [Fact]
    public void A_failure_to_start_is_a_run_in_error_not_a_silent_drop()
    {
        EngineFixture f = new(Config);
        string runId = f.Engine.StartWorkflow(string.Empty, new Core.Config.Model.WorkflowDefinition { Context = "nosuch" }, null);
        RunRecord run = Assert.Single(f.Output.Runs.Values);
        Assert.Equal(RunPhase.Error, run.Phase);
        Assert.Equal("named context nosuch not defined", run.Reason);
        Assert.Equal(run.Id, runId);
    }

    [Fact]
    public void Starting_an_undefined_workflow_by_name_is_refused()
    {
        EngineFixture f = new(Config);
        WorkflowException ex = Assert.Throws<WorkflowException>(() => f.Engine.StartWorkflow("nope", null, null));
        Assert.Contains("not defined: nope", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configure_swaps_the_rules_and_running_sessions_carry_on()
    {
        EngineFixture f = new(Config);
        f.Engine.StartWorkflow("two_steps", null, null);
        f.Engine.Configure(Core.Config.Model.HoneydipperConfig.Empty with
        {
            Workflows = new Dictionary<string, Core.Config.Model.WorkflowDefinition>(),
        });
        Assert.Equal(0, f.Engine.HandleEvent("webhook", string.Empty, new Dictionary<string, object?> { ["url"] = "/go" }));
        f.Answer(0);
        f.Answer(1);
        Assert.Equal(0, f.Engine.SessionCount);
    }

    [Fact]
    public void Driver_settings_come_from_the_context_or_the_parameters()
    {
        EngineFixture f = new("""
            drivers: {d: {}}
            workflows:
              w:
                with: {retry: 3, timeout: 20}
                call_driver: d.x
            """);
        f.Engine.StartWorkflow(string.Empty, new Core.Config.Model.WorkflowDefinition
        {
            With = new Dictionary<string, object?> { ["retry"] = "2", ["timeout"] = "5" },
            Steps = [new Core.Config.Model.WorkflowDefinition { CallDriver = "d.x", With = new Dictionary<string, object?> { ["backoff_ms"] = "50" } }],
        }, null);
        DriverCommand command = f.Command(0);
        Assert.Equal("x", command.Labels["method"]);
        Assert.Equal("2", command.Labels["retry"]);
        Assert.Equal("5", command.Labels["timeout"]);
        Assert.Equal("50", command.Labels["backoff_ms"]);
        Assert.Equal(command.SessionId, command.Labels["sessionID"]);
    }
}
