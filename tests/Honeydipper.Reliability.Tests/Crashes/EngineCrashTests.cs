using Honeydipper.Bus.Protocol;
using Honeydipper.Bus.Redis;
using Honeydipper.Cli.Tests;
using Honeydipper.Drivers.Sdk;

namespace Honeydipper.Reliability.Tests.Crashes;

/// <summary>
/// The engine process (<c>honeydipper local --redis</c>) killed with SIGKILL while events keep arriving and a
/// 3-step workflow is running for many of them; a new process resumes the sessions and every run completes once.
/// </summary>
public sealed class EngineCrashTests : IDisposable
{
    private const int Events = 300;
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hd-engine-crash-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Killing_the_engine_under_load_resumes_every_session_and_completes_each_run_exactly_once()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "init.yaml"), """
            drivers: {worker: {}}
            rules:
              - when: {driver: load, rawevent: go}
                do:
                  steps:
                    - call_driver: worker.do
                      with: {step: one}
                    - call_driver: worker.do
                      with: {step: two}
                    - call_driver: worker.do
                      with: {step: last}
            """);
        await using RedisServer redis = await RedisServer.StartAsync();
        await using RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration });
        Dictionary<string, int> served = new(StringComparer.Ordinal);   // command id → times served
        Dictionary<string, int> lastSteps = new(StringComparer.Ordinal); // event id → times its last step ran
        using DriverHost worker = new(bus, new DriverHostOptions { Namespace = "local", Driver = "worker", Instance = "worker-1", MaxConcurrency = 16 });
        worker.Handle("do", async (ctx, ct) =>
        {
            lock (served)
            {
                served[ctx.Command.CommandId] = served.GetValueOrDefault(ctx.Command.CommandId) + 1;
                if (ctx.Parameters.TryGetValue("step", out object? step) && step is "last")
                {
                    string eventId = ctx.Command.Labels.GetValueOrDefault("eventID", "?");
                    lastSteps[eventId] = lastSteps.GetValueOrDefault(eventId) + 1;
                }
            }

            await Task.Yield();
            return CommandResult.Success();
        });
        using CancellationTokenSource stopWorker = new();
        Task working = worker.RunAsync(stopWorker.Token);

        await using LocalProcess first = LocalProcess.Start(_dir.FullName, "127.0.0.1:0", redis.Configuration);
        await first.WaitForLineAsync(l => l.StartsWith("runs (Ctrl-C", StringComparison.Ordinal));

        // Events keep coming through the crash: the bus takes them whether or not an engine is up.
        Task publishing = Task.Run(async () =>
        {
            for (int i = 0; i < Events; i++)
            {
                string id = $"event-{i}";
                await bus.PublishAsync(StreamName.Events("local"), new BusEvent(id, "load", "go", new Dictionary<string, string> { ["eventID"] = id }, new Dictionary<string, object?> { ["id"] = id }).ToMessage());
                if (i % 10 == 0)
                {
                    await Task.Yield();
                }
            }
        });
        try
        {
            await Poll.UntilAsync(() =>
            {
                lock (served)
                {
                    return served.Count >= Events / 2;
                }
            }, "the worker to be busy", TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; served {served.Count}; honeydipper local said:\n{first.Output}", ex);
        }
        first.Kill(); // SIGKILL, mid-flight
        string firstOutput = await first.OutputAfterExitAsync();

        await using LocalProcess second = LocalProcess.Start(_dir.FullName, "127.0.0.1:0", redis.Configuration);
        await publishing;
        // A run that ended just before the kill may never have been printed, so completion is read from the worker
        // (every run's last step) and the bus (no session left), not from the printed table.
        await Poll.UntilAsync(() =>
        {
            lock (served)
            {
                return lastSteps.Count >= Events;
            }
        }, $"{Events} runs to reach their last step", TimeSpan.FromSeconds(120));
        await Poll.UntilAsync(async () => (await bus.HashGetAllAsync(BusKeys.EngineSessions("local"))).Count == 0, "no session left");
        await stopWorker.CancelAsync();
        await working;

        List<string> succeeded = RunLines.Succeeded(firstOutput + second.Output);
        Assert.Equal(succeeded.Count, succeeded.Distinct().Count()); // no run reported twice
        lock (served)
        {
            Assert.Equal(3 * Events, served.Count);                       // every step's command was sent ...
            Assert.All(served, c => Assert.Equal(1, c.Value));            // ... and served exactly once
            Assert.Equal(Events, lastSteps.Count);                        // every event's run reached its end ...
            Assert.All(lastSteps, e => Assert.Equal(1, e.Value));         // ... exactly once
        }
    }
}
