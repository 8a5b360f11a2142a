using Honeydipper.Bus;
using Honeydipper.Bus.InProcess;
using Honeydipper.Bus.Protocol;
using Honeydipper.Bus.Redis;
using Honeydipper.Core.Engine.Runs;
using Honeydipper.Drivers.Sdk;
using Microsoft.Extensions.Time.Testing;

namespace Honeydipper.Hosting.Tests;

public sealed class EngineHostTests
{
    [Fact]
    public async Task An_event_runs_its_workflow_through_a_driver_on_the_in_process_bus()
    {
        await using InProcessBus bus = new();
        await using HostFixture f = new(bus, "t");
        await using EngineHost host = await f.StartHostAsync("e1", durable: false);
        f.StartWorker();
        await f.PublishEventAsync("/go");
        await f.PublishEventAsync("/elsewhere");
        await Poll.UntilAsync(() => f.Finished().Count == 1, "the run to finish");
        RunRecord run = Assert.Single(f.Finished());
        Assert.True(run.Phase == RunPhase.Succeeded, $"{run.Phase}: {run.Reason}");
        Assert.Equal(2, f.Served.Count);
        Assert.Equal(0, await host.InspectAsync(e => e.SessionCount));
    }

    [Fact]
    public async Task Sessions_survive_a_restart_of_the_engine_and_nothing_runs_twice()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        await using RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration });
        await using HostFixture f = new(bus, "durable");
        EngineHost first = await f.StartHostAsync("engine-a");
        for (int i = 0; i < 20; i++)
        {
            await f.PublishEventAsync("/go");
        }

        // No driver yet: every run waits for its first call.
        await Poll.UntilAsync(async () => (await bus.StatusAsync(StreamName.Commands("durable", "worker"), "driver")).Length == 20, "20 commands");
        await first.DisposeAsync();

        await using EngineHost second = await f.StartHostAsync("engine-b");
        Assert.Equal(60, await second.InspectAsync(e => e.SessionCount)); // per run: the rule's do, the job it calls, its first step
        f.StartWorker();
        await Poll.UntilAsync(() => f.Finished().Count == 20, "20 runs to finish", TimeSpan.FromSeconds(60));
        Assert.All(f.Finished(), r => Assert.Equal(RunPhase.Succeeded, r.Phase));
        Assert.Equal(40, f.Served.Count);
        Assert.Equal(40, f.Served.Distinct().Count());
        Assert.Empty(await bus.HashGetAllAsync(BusKeys.EngineSessions("durable")));
        Assert.Empty(await bus.HashGetAllAsync(BusKeys.EngineRuns("durable")));
    }

    [Fact]
    public async Task Redis_killed_and_restarted_while_events_flow_loses_no_event_and_runs_nothing_twice()
    {
        await using RedisServer redis = await RedisServer.StartAsync(persistent: true);
        await using RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration });
        await using HostFixture f = new(bus, "flaky");
        await using EngineHost host = await f.StartHostAsync("engine");
        f.StartWorker();
        const int total = 80;
        for (int i = 0; i < total; i++)
        {
            if (i == total / 2)
            {
                // Runs are in every state now: some done, some waiting for the worker, some not started.
                await Poll.UntilAsync(() => f.Finished().Count > 0, "the first runs to finish");
                await redis.KillAsync();
                await redis.RestartAsync();
            }

            await f.PublishUntilAcceptedAsync("/go", $"event-{i}");
        }

        await Poll.UntilAsync(() => f.Finished().Count >= total, $"{total} runs to finish", TimeSpan.FromSeconds(90));
        List<RunRecord> finished = f.Finished();
        Assert.Equal(total, finished.Count);
        Assert.All(finished, r => Assert.True(r.Phase == RunPhase.Succeeded, $"run {r.Id}: {r.Phase} {r.Reason}"));
        Assert.Equal(Enumerable.Range(0, total).Select(i => $"event-{i}").Order(StringComparer.Ordinal), finished.Select(r => r.EventId).Order(StringComparer.Ordinal));
        lock (f.Served)
        {
            Assert.Equal(2 * total, f.Served.Distinct().Count()); // every step's command was served ...
            Assert.Equal(2 * total, f.Served.Count);              // ... exactly once
        }

        await Poll.UntilAsync(async () => (await bus.HashGetAllAsync(BusKeys.EngineSessions("flaky"))).Count == 0, "no session left behind");
    }

    [Fact]
    public async Task A_lost_reply_after_a_write_that_went_through_sends_no_command_twice()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        LostReplyBus bus = new(await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration }));
        await using (bus)
        {
            await using HostFixture f = new(bus, "lost");
            await using EngineHost host = await f.StartHostAsync("engine");
            f.StartWorker();

            // The engine's turn that sends the first command is saved, but the engine hears it failed and tries again;
            // the worker's first return is published, but the worker hears it failed and publishes it again.
            bus.LoseNextCommitReply(batch => batch.Publishes.Any(p => p.Stream.Key.Contains(":commands:", StringComparison.Ordinal)));
            bus.LoseNextPublishReply(stream => stream.Key.EndsWith(":returns", StringComparison.Ordinal));
            await f.PublishEventAsync("/go");
            await Poll.UntilAsync(() => f.Finished().Count == 1, "the run to finish");

            Assert.Equal(2, bus.LostReplies);
            Assert.Equal(RunPhase.Succeeded, Assert.Single(f.Finished()).Phase);
            lock (f.Served)
            {
                Assert.Equal(2, f.Served.Count); // two steps, each served once: no command was published twice
            }
        }
    }

    [Fact]
    public async Task Every_stream_the_engine_uses_is_trimmed_once_consumed_the_drivers_command_streams_too()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        await using RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration });
        await using HostFixture f = new(bus, "trim");
        await using EngineHost host = await f.StartHostAsync("engine");
        f.StartWorker();
        for (int i = 0; i < 30; i++)
        {
            await f.PublishEventAsync("/go");
        }

        await Poll.UntilAsync(() => f.Finished().Count == 30, "30 runs");
        foreach (StreamName stream in (StreamName[])[StreamName.Events("trim"), StreamName.Returns("trim"), StreamName.Commands("trim", "worker")])
        {
            string group = stream.Name.StartsWith("commands:", StringComparison.Ordinal) ? "driver" : "engine";
            await Poll.UntilAsync(async () => (await bus.StatusAsync(stream, group)).Length <= 1, $"{stream.Key} to be trimmed (it had {(stream == StreamName.Events("trim") ? 30 : 60)} entries)");
        }
    }

    [Fact]
    public async Task An_event_published_twice_starts_one_run()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        await using RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration });
        await using HostFixture f = new(bus, "dup");
        await using EngineHost host = await f.StartHostAsync("engine");
        f.StartWorker();
        await f.PublishEventAsync("/go", "same-id");
        await Poll.UntilAsync(() => f.Finished().Count == 1, "the first run");
        await f.PublishEventAsync("/go", "same-id");
        await f.PublishEventAsync("/go", "other-id");
        await Poll.UntilAsync(() => f.Finished().Count == 2, "the second event's run");
        await Poll.UntilAsync(async () => (await bus.StatusAsync(StreamName.Events("dup"), "engine")).Pending == 0, "every event acknowledged");
        Assert.Equal(2, f.Finished().Count);
        Assert.Equal(4, f.Served.Count);
    }

    [Fact]
    public async Task A_wait_with_a_deadline_survives_a_restart()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        await using RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration });
        await using HostFixture f = new(bus, "waits");
        FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        EngineHost first = await f.StartHostAsync("engine-a", time: time);
        string runId = await first.StartWorkflowAsync("sleeper", null, null);
        await Poll.UntilAsync(() => f.Runs.TryGetValue(runId, out RunRecord? r) && r.Phase == RunPhase.Waiting, "the run to wait");
        await first.DisposeAsync();

        await using EngineHost second = await f.StartHostAsync("engine-b", time: time);
        f.StartWorker();
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.Empty(f.Served);
        await Poll.UntilAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(30));
            return f.Finished().Any(r => r.Id == runId);
        }, "the wait to time out after the restart");
        Assert.Equal(RunPhase.Succeeded, f.Runs[runId].Phase);
        Assert.Single(f.Served);
    }

    [Fact]
    public async Task Cancelling_a_run_stops_the_driver_command_it_waits_for()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        await using RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration });
        await using HostFixture f = new(bus, "cancel");
        await using EngineHost host = await f.StartHostAsync("engine");
        TaskCompletionSource<string> started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
        using DriverHost worker = new(bus, new DriverHostOptions { Namespace = "cancel", Driver = "worker", Instance = "worker-1" });
        worker.Handle("do", async (ctx, ct) =>
        {
            started.TrySetResult(ctx.Command.CommandId);
            await using (ct.Register(() => stopped.TrySetResult()))
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }

            return CommandResult.Success();
        });
        using CancellationTokenSource stopWorker = new();
        Task working = worker.RunAsync(stopWorker.Token);

        string runId = await host.StartWorkflowAsync("job", null, null);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(await host.CancelRunAsync(runId, "no longer needed"));
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(20)); // the handler's token, cancelled through the control channel
        await Poll.UntilAsync(async () => (await bus.StatusAsync(StreamName.Commands("cancel", "worker"), "driver")).Pending == 0, "the command to be answered and acknowledged");
        Assert.Equal(RunPhase.Cancelled, f.Runs[runId].Phase);
        Assert.Equal("no longer needed", f.Runs[runId].Reason);

        await stopWorker.CancelAsync();
        await working;
    }
}
