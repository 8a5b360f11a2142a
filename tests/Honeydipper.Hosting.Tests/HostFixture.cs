using Honeydipper.Bus;
using Honeydipper.Bus.Protocol;
using Honeydipper.Core.Config.Loading;
using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Engine.Runs;
using Honeydipper.Core.Yaml;
using Honeydipper.Drivers.Sdk;

namespace Honeydipper.Hosting.Tests;

/// <summary>An engine host and a counting driver on one bus, with every run the host reports.</summary>
internal sealed class HostFixture : IAsyncDisposable
{
    public const string Config = """
        drivers: {worker: {}}
        workflows:
          job:
            steps:
              - call_driver: worker.do
                with: {num: 1}
              - call_driver: worker.do
                with: {num: 2}
          sleeper:
            steps:
              - wait: 1h
              - call_driver: worker.do
        rules:
          - when: {driver: webhook, if_match: {url: /go}}
            do: {call_workflow: job}
        """;

    private readonly List<(DriverHost Host, CancellationTokenSource Stop, Task Running)> _drivers = [];

    public HostFixture(IMessageBus bus, string ns) => (Bus, Namespace) = (bus, ns);

    public IMessageBus Bus { get; }

    public string Namespace { get; }

    public Dictionary<string, RunRecord> Runs { get; } = new(StringComparer.Ordinal);

    /// <summary>Command ids the worker driver served, each once per time it ran.</summary>
    public List<string> Served { get; } = [];

    public static HoneydipperConfig LoadConfig()
    {
        ConfigLoadResult result = InlineConfig.Load(GoYaml.Parse(Config), "test");
        Assert.Empty(result.Problems);
        return result.Config;
    }

    public async Task<EngineHost> StartHostAsync(string instance, bool durable = true, TimeProvider? time = null)
    {
        EngineHost host = new(Bus, new EngineHostOptions { Namespace = Namespace, Instance = instance, Durable = durable, Time = time ?? TimeProvider.System, ClaimIdleAfter = TimeSpan.FromMilliseconds(500), TrimInterval = TimeSpan.FromMilliseconds(200) });
        host.RunsChanged += runs =>
        {
            lock (Runs)
            {
                foreach (RunRecord run in runs)
                {
                    Runs[run.Id] = run;
                }
            }
        };
        await host.StartAsync(LoadConfig());
        return host;
    }

    public void StartWorker()
    {
        DriverHost driver = new(Bus, new DriverHostOptions { Namespace = Namespace, Driver = "worker", Instance = "worker-1" });
        driver.Handle("do", (ctx, _) =>
        {
            lock (Served)
            {
                Served.Add(ctx.Command.CommandId);
            }

            return Task.FromResult(CommandResult.Success(new Dictionary<string, object?> { ["num"] = ctx.Parameters.TryGetValue("num", out object? num) ? num : null }));
        });
        CancellationTokenSource stop = new();
        _drivers.Add((driver, stop, driver.RunAsync(stop.Token)));
    }

    public Task<string> PublishEventAsync(string url, string? messageId = null)
    {
        BusEvent ev = new(messageId ?? Guid.NewGuid().ToString("N"), "webhook", string.Empty, new Dictionary<string, string> { ["eventID"] = Guid.NewGuid().ToString() },
            new Dictionary<string, object?> { ["url"] = url });
        return Bus.PublishAsync(StreamName.Events(Namespace), ev.ToMessage());
    }

    /// <summary>
    /// Publishes an event as a driver does when the bus may be down: the same message (id and eventID) again until
    /// Redis takes it, so that a try whose acknowledgement was lost may leave a duplicate, never a gap.
    /// </summary>
    public Task PublishUntilAcceptedAsync(string url, string id)
    {
        BusMessage message = new BusEvent(id, "webhook", string.Empty, new Dictionary<string, string> { ["eventID"] = id },
            new Dictionary<string, object?> { ["url"] = url }).ToMessage();
        return Poll.UntilAsync(async () =>
        {
            try
            {
                await Bus.PublishAsync(StreamName.Events(Namespace), message);
                return true;
            }
            catch (BusUnavailableException)
            {
                return false;
            }
        }, $"Redis to accept event {id}", TimeSpan.FromSeconds(60));
    }

    public List<RunRecord> Finished()
    {
        lock (Runs)
        {
            return [.. Runs.Values.Where(r => r.FinishedAt is not null)];
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach ((DriverHost host, CancellationTokenSource stop, Task running) in _drivers)
        {
            await stop.CancelAsync();
            await running;
            host.Dispose();
            stop.Dispose();
        }
    }
}
