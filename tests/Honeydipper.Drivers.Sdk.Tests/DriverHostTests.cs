using Honeydipper.Bus;
using Honeydipper.Bus.InProcess;
using Honeydipper.Bus.Protocol;
using Honeydipper.Bus.Redis;
using Honeydipper.Core.Values;
using Microsoft.Extensions.Time.Testing;

namespace Honeydipper.Drivers.Sdk.Tests;

public sealed class DriverHostTests
{
    private static BusCommand Command(string id, string method, object? parameters = null) =>
        new(id, "d", method, new Dictionary<string, string> { ["sessionID"] = "7", ["eventID"] = "e1", ["method"] = method, ["retry"] = "0", ["timeout"] = "9" }, parameters);

    private static async Task<List<BusReturn>> Returns(IMessageBus bus, int count)
    {
        await using IBusSubscription sub = await bus.SubscribeAsync(StreamName.Returns("n"), "engine", "test");
        List<BusReturn> returns = [];
        await Poll.UntilAsync(async () =>
        {
            returns.AddRange((await sub.ReadAsync(10, TimeSpan.FromMilliseconds(20))).Select(d => BusReturn.From(d.Message)));
            return returns.Count >= count;
        }, $"{count} returns");
        return returns;
    }

    private static (DriverHost Host, Task Running, CancellationTokenSource Stop) Start(IMessageBus bus, Action<DriverHost> setup, string instance = "i1", TimeSpan? claimAfter = null)
    {
        DriverHost host = new(bus, new DriverHostOptions { Namespace = "n", Driver = "d", Instance = instance, ClaimIdleAfter = claimAfter ?? TimeSpan.FromSeconds(30) });
        setup(host);
        CancellationTokenSource stop = new();
        return (host, host.RunAsync(stop.Token), stop);
    }

    [Fact]
    public async Task A_command_is_served_and_answered_with_its_labels_and_the_status()
    {
        await using InProcessBus bus = new();
        var (host, running, stop) = Start(bus, h => h.Handle("echo", (ctx, _) => Task.FromResult(CommandResult.Success(new Dictionary<string, object?> { ["got"] = ctx.Parameters["v"] }))));
        await bus.PublishAsync(StreamName.Commands("n", "d"), Command("c1", "echo", new Dictionary<string, object?> { ["v"] = "hi" }).ToMessage());
        BusReturn reply = Assert.Single(await Returns(bus, 1));
        Assert.Equal(("c1", "7", "success"), (reply.CommandId, reply.SessionId, reply.Status));
        Assert.Equal("e1", reply.Labels["eventID"]);
        Assert.False(reply.Labels.ContainsKey("retry"));
        Assert.False(reply.Labels.ContainsKey("timeout"));
        Assert.Equal("hi", Assert.IsType<Dictionary<string, object?>>(reply.Payload)["got"]);
        await stop.CancelAsync();
        await running;
        Assert.Equal("stopped", host.State);
        host.Dispose();
    }

    [Fact]
    public async Task A_cancel_signal_stops_the_command_in_flight_and_keeps_a_queued_one_from_running()
    {
        await using InProcessBus bus = new();
        TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        TaskCompletionSource<bool> sawCancel = new(TaskCreationOptions.RunContinuationsAsynchronously);
        List<string> ran = [];
        var (host, running, stop) = Start(bus, h => h.Handle("slow", async (ctx, ct) =>
        {
            lock (ran)
            {
                ran.Add(ctx.Command.CommandId);
            }

            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }
            catch (OperationCanceledException)
            {
                sawCancel.TrySetResult(true);
                throw;
            }

            return CommandResult.Success();
        }));
        await Poll.UntilAsync(() => host.State == "alive", "the driver to start");
        await bus.PublishAsync(StreamName.Commands("n", "d"), Command("c1", "slow").ToMessage());
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await bus.PublishControlAsync("n", new ControlSignal(ControlSignal.Cancel, "other", "c1")); // another driver's: not ours
        await bus.PublishControlAsync("n", new ControlSignal(ControlSignal.Cancel, string.Empty, "c1"));
        Assert.True(await sawCancel.Task.WaitAsync(TimeSpan.FromSeconds(20)));
        BusReturn reply = Assert.Single(await Returns(bus, 1));
        Assert.Equal(("c1", "error", "cancelled: the run that sent the command was cancelled"), (reply.CommandId, reply.Status, reply.Reason));

        // Cancelled before it is read: answered without running.
        await bus.PublishControlAsync("n", new ControlSignal(ControlSignal.Cancel, string.Empty, "c2"));
        await bus.PublishAsync(StreamName.Commands("n", "d"), Command("c2", "slow").ToMessage());
        BusReturn second = (await Returns(bus, 1)).Single();
        Assert.Equal(("c2", "error"), (second.CommandId, second.Status));
        lock (ran)
        {
            Assert.Equal(["c1"], ran);
        }

        await stop.CancelAsync();
        await running;
        host.Dispose();
    }

    [Fact]
    public async Task Options_load_at_start_and_reload_when_the_control_channel_says_so()
    {
        await using InProcessBus bus = new();
        await bus.SetValueAsync(BusKeys.DriverConfig("n", "d"), new DriverOptions(new Dictionary<string, object?> { ["v"] = 1.0 }, new Dictionary<string, object?>()).ToJson(), null);
        List<double> seen = [];
        var (host, running, stop) = Start(bus, h => h.OnOptions((o, _) =>
        {
            lock (seen)
            {
                seen.Add((double)o.Data["v"]!);
            }

            return Task.CompletedTask;
        }));
        await Poll.UntilAsync(() => host.State == "alive", "the driver to start");
        await bus.SetValueAsync(BusKeys.DriverConfig("n", "d"), new DriverOptions(new Dictionary<string, object?> { ["v"] = 2.0 }, new Dictionary<string, object?>()).ToJson(), null);
        await bus.PublishControlAsync("n", new ControlSignal(ControlSignal.Config, "other"));
        await bus.PublishControlAsync("n", new ControlSignal(ControlSignal.Config, "d"));
        await Poll.UntilAsync(() => host.Options.Data["v"] is 2.0, "the new options");
        lock (seen)
        {
            Assert.Equal([1.0, 2.0], seen);
        }

        await stop.CancelAsync();
        await running;
        host.Dispose();
    }

    [Fact]
    public async Task Events_are_published_with_the_driver_name_and_an_event_id()
    {
        await using InProcessBus bus = new();
        using DriverHost host = new(bus, new DriverHostOptions { Namespace = "n", Driver = "webhook" });
        await using IBusSubscription events = await bus.SubscribeAsync(StreamName.Events("n"), "engine", "e");
        string eventId = await host.PublishEventAsync(string.Empty, new Dictionary<string, object?> { ["url"] = "/x" });
        BusEvent published = BusEvent.From(Assert.Single(await events.ReadAsync(1, TimeSpan.Zero)).Message);
        Assert.Equal(("webhook", string.Empty, eventId), (published.Driver, published.RawEvent, published.Labels["eventID"]));
    }

    [Fact]
    public async Task A_command_left_by_a_dead_replica_is_taken_over_against_real_Redis()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        await using RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration });
        await using (IBusSubscription dead = await bus.SubscribeAsync(StreamName.Commands("n", "d"), "driver", "dead"))
        {
            await bus.PublishAsync(StreamName.Commands("n", "d"), Command("c9", "work").ToMessage());
            await Poll.UntilAsync(async () => (await dead.ReadAsync(1, TimeSpan.FromMilliseconds(20))).Count == 1, "the dead replica to read");
        }

        int served = 0;
        var (host, running, stop) = Start(bus, h => h.Handle("work", (_, _) =>
        {
            Interlocked.Increment(ref served);
            return Task.FromResult(CommandResult.Success());
        }), "alive", claimAfter: TimeSpan.FromMilliseconds(200));
        BusReturn reply = Assert.Single(await Returns(bus, 1));
        Assert.Equal("c9", reply.CommandId);
        Assert.Equal(1, served);
        await Poll.UntilAsync(async () => (await bus.StatusAsync(StreamName.Commands("n", "d"), "driver")).Pending == 0, "the command to be acknowledged");
        Assert.NotNull(await bus.GetValueAsync(BusKeys.DriverHealth("n", "d", "alive")));
        await stop.CancelAsync();
        await running;
        host.Dispose();
    }

    [Fact]
    public async Task A_command_that_was_answered_is_not_run_again_when_redelivered()
    {
        await using InProcessBus bus = new();
        await bus.SetValueAsync(BusKeys.DriverDone("n", "d") + ":c5", "1", null); // answered before a crash lost the acknowledgement
        await using (IBusSubscription crashed = await bus.SubscribeAsync(StreamName.Commands("n", "d"), "driver", "crashed"))
        {
            await bus.PublishAsync(StreamName.Commands("n", "d"), Command("c5", "work").ToMessage());
            await bus.PublishAsync(StreamName.Commands("n", "d"), Command("c6", "work").ToMessage());
            Assert.Equal(2, (await crashed.ReadAsync(2, TimeSpan.Zero)).Count);
        }

        int served = 0;
        var (host, running, stop) = Start(bus, h => h.Handle("work", (_, _) =>
        {
            Interlocked.Increment(ref served);
            return Task.FromResult(CommandResult.Success());
        }), claimAfter: TimeSpan.Zero);
        await Poll.UntilAsync(async () => (await bus.StatusAsync(StreamName.Commands("n", "d"), "driver")).Pending == 0, "both commands to be settled");
        Assert.Equal(1, served); // c6 ran; c5 was only acknowledged
        await stop.CancelAsync();
        await running;
        host.Dispose();
    }

    [Fact]
    public async Task Shutting_down_finishes_commands_in_flight()
    {
        await using InProcessBus bus = new();
        TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var (host, running, stop) = Start(bus, h => h.Handle("slow", async (_, _) =>
        {
            started.TrySetResult();
            await release.Task;
            return CommandResult.Success();
        }));
        await bus.PublishAsync(StreamName.Commands("n", "d"), Command("c1", "slow").ToMessage());
        await started.Task;
        await stop.CancelAsync();
        await Poll.UntilAsync(() => host.State == "stopping", "the driver to start stopping");
        Assert.False(running.IsCompleted, "it waits for the command in flight");
        release.SetResult();
        await running;
        Assert.Single(await Returns(bus, 1));
        host.Dispose();
    }

    [Fact]
    public async Task A_command_that_runs_longer_than_the_claim_time_is_not_taken_over()
    {
        FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using InProcessBus bus = new(time);
        TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        int runs = 0;
        DriverHost host = new(bus, new DriverHostOptions
        {
            Namespace = "n", Driver = "d", Instance = "i1", Time = time, MaxConcurrency = 1,
            ClaimIdleAfter = TimeSpan.FromMinutes(3), HeartbeatInterval = TimeSpan.FromMinutes(1),
        });
        host.Handle("job", async (_, _) =>
        {
            Interlocked.Increment(ref runs);
            await release.Task;
            return CommandResult.Success();
        });
        using CancellationTokenSource stop = new();
        Task running = host.RunAsync(stop.Token);
        BusCommand job = new("c1", "d", "job", new Dictionary<string, string> { ["sessionID"] = "7", ["timeout"] = "3600" }, null);
        await bus.PublishAsync(StreamName.Commands("n", "d"), job.ToMessage());
        await Poll.UntilAsync(() => host.InFlight == 1 && Volatile.Read(ref runs) == 1, "the job to start"); // in flight is counted before the handler runs
        await bus.PublishAsync(StreamName.Commands("n", "d"), new BusCommand("c2", "d", "job", new Dictionary<string, string> { ["sessionID"] = "8", ["timeout"] = "3600" }, null).ToMessage());

        // Ten minutes of a job that takes long: each heartbeat (touch, then health) says it is still in progress.
        for (int minute = 1; minute <= 10; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            string at = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            await Poll.UntilAsync(async () => await bus.GetValueAsync(BusKeys.DriverHealth("n", "d", "i1")) is string health
                && GoJson.Deserialize(health) is IDictionary<string, object?> h && Equals(h["at"], at), $"the heartbeat of minute {minute}");
        }

        // Another replica looking for abandoned work finds none.
        await using IBusSubscription replica = await bus.SubscribeAsync(StreamName.Commands("n", "d"), "driver", "i2");
        Assert.Empty(await replica.ClaimIdleAsync(TimeSpan.FromMinutes(3), 10));
        Assert.Equal(1, runs); // the second job waits for the only slot, unread (nobody could take it over wrongly)
        release.SetResult();
        Assert.Equal(["c1", "c2"], (await Returns(bus, 2)).Select(r => r.CommandId).Order(StringComparer.Ordinal));
        Assert.Equal(2, runs);
        await stop.CancelAsync();
        await running;
        host.Dispose();
    }
}
