using Honeydipper.Bus;
using Honeydipper.Bus.Protocol;
using Honeydipper.Bus.Redis;
using Honeydipper.Cli.Tests;

namespace Honeydipper.Reliability.Tests.Crashes;

/// <summary>
/// Redis killed and started again while a real <c>honeydipper local --redis</c> (its engine and its echo driver as a
/// separate process) works through a stream of events: every event's run completes, none twice.
/// </summary>
public sealed class RedisRestartTests : IDisposable
{
    private const int Events = 200;
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hd-redis-restart-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Redis_restarted_under_load_loses_no_run_and_runs_none_twice()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "init.yaml"), """
            drivers: {echo: {}}
            rules:
              - when: {driver: load, rawevent: go}
                do:
                  steps:
                    - call_driver: echo.return
                      with: {step: one}
                    - call_driver: echo.return
                      with: {step: two}
            """);
        await using RedisServer redis = await RedisServer.StartAsync(persistent: true);
        await using RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration });
        await using LocalProcess local = LocalProcess.Start(_dir.FullName, "127.0.0.1:0", redis.Configuration);
        await local.WaitForLineAsync(l => l.StartsWith("runs (Ctrl-C", StringComparison.Ordinal));

        for (int i = 0; i < Events; i++)
        {
            if (i == Events / 2)
            {
                // Runs are in every state now: done, waiting for the driver, not started.
                await Poll.UntilAsync(() => RunLines.Succeeded(local.Output).Count > 0, "the first runs to finish", TimeSpan.FromSeconds(60));
                await redis.KillAsync();
                await redis.RestartAsync();
            }

            await PublishUntilAcceptedAsync(bus, $"event-{i}");
        }

        await Poll.UntilAsync(() => RunLines.Succeeded(local.Output).Count >= Events, $"{Events} runs to succeed", TimeSpan.FromSeconds(120));
        await Poll.UntilAsync(async () => (await bus.HashGetAllAsync(BusKeys.EngineSessions("local"))).Count == 0, "no session left");
        List<string> succeeded = RunLines.Succeeded(local.Output);
        Assert.Equal(Events, succeeded.Count);
        Assert.Equal(Events, succeeded.Distinct().Count());
    }

    /// <summary>As a driver publishes while the bus may be down: the same message again until Redis takes it.</summary>
    private static Task PublishUntilAcceptedAsync(RedisMessageBus bus, string id)
    {
        BusMessage message = new BusEvent(id, "load", "go", new Dictionary<string, string> { ["eventID"] = id }, new Dictionary<string, object?> { ["id"] = id }).ToMessage();
        return Poll.UntilAsync(async () =>
        {
            try
            {
                await bus.PublishAsync(StreamName.Events("local"), message);
                return true;
            }
            catch (BusUnavailableException)
            {
                return false;
            }
        }, $"Redis to accept event {id}", TimeSpan.FromSeconds(60));
    }
}
