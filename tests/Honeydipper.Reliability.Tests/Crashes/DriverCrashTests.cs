using System.Net;
using Honeydipper.Bus.Protocol;
using Honeydipper.Bus.Redis;
using Honeydipper.Core.Config.Loading;
using Honeydipper.Core.Engine.Runs;
using Honeydipper.Core.Yaml;
using Honeydipper.Hosting;

namespace Honeydipper.Reliability.Tests.Crashes;

/// <summary>
/// Two replicas of the real web driver (<c>honeydipper driver web</c>) on Redis; the one serving a slow request is
/// killed with SIGKILL mid-command, and the other replica takes the command over and completes the run.
/// </summary>
public sealed class DriverCrashTests
{
    [Fact]
    public async Task A_command_held_by_a_killed_driver_replica_is_reclaimed_by_another_and_the_run_succeeds()
    {
        await using RedisServer redis = await RedisServer.StartAsync();
        await using RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration });
        using HttpListener target = new();
        int port = FreePort();
        target.Prefixes.Add($"http://127.0.0.1:{port}/");
        target.Start();

        const string Ns = "driver-crash";
        ConfigLoadResult config = InlineConfig.Load(GoYaml.Parse($$"""
            drivers:
              web: {}
            rules:
              - when: {driver: test, rawevent: go}
                do:
                  call_driver: web.request
                  with: {URL: 'http://127.0.0.1:{{port}}/slow', method: GET}
            """), "test");
        Assert.Empty(config.Problems);
        Dictionary<string, RunRecord> runs = [];
        await using EngineHost engine = new(bus, new EngineHostOptions { Namespace = Ns, Instance = "engine" });
        engine.RunsChanged += changed =>
        {
            lock (runs)
            {
                foreach (RunRecord run in changed)
                {
                    runs[run.Id] = run;
                }
            }
        };
        await engine.StartAsync(config.Config);

        string[] quickClaims = ["--claim-idle-after", "2"];
        await using DriverProcess first = DriverProcess.Start("web", redis.Configuration, Ns, ["--instance", "web-a", .. quickClaims]);
        await bus.PublishAsync(StreamName.Events(Ns), new BusEvent("event-1", "test", "go", new Dictionary<string, string> { ["eventID"] = "event-1" }, new Dictionary<string, object?> { ["n"] = 1.0 }).ToMessage());

        // The first replica's request arrives and is held: the command is mid-flight in that process.
        Task<HttpListenerContext> arriving = target.GetContextAsync();
        HttpListenerContext held;
        try
        {
            held = await arriving.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the first replica never made the request; it said:\n{first.Output}");
        }

        await using DriverProcess second = DriverProcess.Start("web", redis.Configuration, Ns, ["--instance", "web-b", .. quickClaims]);
        await first.KillAsync();

        // The second replica claims the idle command and makes the request again; this time it is answered.
        HttpListenerContext retried = await target.GetContextAsync().WaitAsync(TimeSpan.FromSeconds(60));
        retried.Response.StatusCode = 200;
        await retried.Response.OutputStream.WriteAsync("done"u8.ToArray());
        retried.Response.Close();
        held.Response.Abort();

        await Poll.UntilAsync(() =>
        {
            lock (runs)
            {
                return runs.Values.Any(r => r.FinishedAt is not null);
            }
        }, "the run to finish", TimeSpan.FromSeconds(60));
        RunRecord finished;
        lock (runs)
        {
            finished = Assert.Single(runs.Values);
        }

        Assert.True(finished.Phase == RunPhase.Succeeded, $"{finished.Phase}: {finished.Reason}\n{second.Output}");
        Assert.Equal("/slow", retried.Request.Url!.AbsolutePath);
    }

    private static int FreePort()
    {
        using System.Net.Sockets.TcpListener listener = new(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
