using Honeydipper.Bus;
using Honeydipper.Bus.Protocol;
using Honeydipper.Bus.Redis;
using Honeydipper.Drivers.Sdk;

namespace Honeydipper.Drivers.Tests.Support;

/// <summary>
/// One built-in driver running on the real Redis bus as <c>honeydipper driver</c> runs it, with the test on the
/// engine's side of the protocol: it writes the driver's options, sends commands and reads returns and events.
/// </summary>
internal sealed class DriverHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<BusReturn> _returns = [];
    private readonly List<BusEvent> _events = [];
    private IBusSubscription? _returnReader;
    private IBusSubscription? _eventReader;
    private Task _running = Task.CompletedTask;
    private int _commands;

    private DriverHarness(RedisMessageBus bus, string ns, string driver) => (Bus, Namespace, Driver) = (bus, ns, driver);

    public RedisMessageBus Bus { get; }

    public string Namespace { get; }

    public string Driver { get; }

    /// <summary>Where the webhook listens (when the driver is one).</summary>
    public Uri? Url { get; private set; }

    /// <summary>Starts a driver of <paramref name="type"/> with these options, once it is alive (and listening, for a webhook).</summary>
    /// <param name="ns">The namespace; a new one by default (give an earlier harness's to restart its driver).</param>
    public static async Task<DriverHarness> StartAsync(RedisFixture redis, string type, DriverOptions? options = null, BuiltinDriverSettings? settings = null, Func<DriverHostOptions, DriverHostOptions>? host = null, string? ns = null)
    {
        ns ??= "t" + Guid.NewGuid().ToString("N")[..12];
        DriverHarness harness = new(await redis.ConnectAsync(), ns, type);
        await harness.SetOptionsAsync(options ?? DriverOptions.Empty, signal: false);
        harness._returnReader = await harness.Bus.SubscribeAsync(StreamName.Returns(ns), "test", "test");
        harness._eventReader = await harness.Bus.SubscribeAsync(StreamName.Events(ns), "test", "test");
        TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
        BuiltinDriverSettings effective = (settings ?? new BuiltinDriverSettings()) with { Listening = uri => listening.TrySetResult(uri) };
        if (type == "webhook" && effective.ListenOverride is null)
        {
            effective = effective with { ListenOverride = "http://127.0.0.1:0" };
        }

        DriverHostOptions hostOptions = new() { Namespace = ns, Driver = type, Instance = type + "-test", HeartbeatInterval = TimeSpan.FromMilliseconds(200) };
        hostOptions = host?.Invoke(hostOptions) ?? hostOptions;
        harness._running = Task.Run(() => BuiltinDriverRunner.RunAsync(harness.Bus, type, hostOptions, effective, null, harness._stop.Token));
        await Poll.UntilAsync(async () =>
        {
            if (harness._running.IsFaulted)
            {
                await harness._running;
            }

            return await harness.Bus.GetValueAsync(BusKeys.DriverHealth(ns, type, hostOptions.Instance)) is { } health && health.Contains("\"alive\"", StringComparison.Ordinal);
        }, $"the {type} driver to be alive");
        if (type == "webhook")
        {
            harness.Url = await listening.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }

        return harness;
    }

    /// <summary>Writes the driver's options and tells it, as the engine does on a configuration change.</summary>
    public async Task SetOptionsAsync(DriverOptions options, bool signal = true)
    {
        await Bus.SetValueAsync(BusKeys.DriverConfig(Namespace, Driver), options.ToJson(), null);
        if (signal)
        {
            await Bus.PublishControlAsync(Namespace, new ControlSignal(ControlSignal.Config, Driver));
        }
    }

    /// <summary>Sends a command as the engine would and waits for its return.</summary>
    public async Task<BusReturn> CallAsync(string method, object? parameters, IReadOnlyDictionary<string, string>? labels = null, TimeSpan? timeout = null)
    {
        string id = $"cmd-{Interlocked.Increment(ref _commands)}";
        Dictionary<string, string> all = new(labels ?? new Dictionary<string, string>(), StringComparer.Ordinal) { ["sessionID"] = "s-" + id, ["method"] = method };
        await Bus.PublishAsync(StreamName.Commands(Namespace, Driver), new BusCommand(id, Driver, method, all, parameters).ToMessage());
        BusReturn? found = null;
        await Poll.UntilAsync(async () =>
        {
            foreach (BusDelivery delivery in await _returnReader!.ReadAsync(16, TimeSpan.FromMilliseconds(50)))
            {
                _returns.Add(BusReturn.From(delivery.Message));
                await _returnReader.AckAsync([delivery]);
            }

            found = _returns.FirstOrDefault(r => r.CommandId == id);
            return found is not null;
        }, $"the return of {method}", timeout ?? TimeSpan.FromSeconds(30));
        return found!;
    }

    /// <summary>Every event the driver published so far (reads what is new).</summary>
    public async Task<IReadOnlyList<BusEvent>> EventsAsync()
    {
        foreach (BusDelivery delivery in await _eventReader!.ReadAsync(64, TimeSpan.FromMilliseconds(20)))
        {
            _events.Add(BusEvent.From(delivery.Message));
            await _eventReader.AckAsync([delivery]);
        }

        return [.. _events];
    }

    /// <summary>Waits until the driver has published <paramref name="count"/> events.</summary>
    public async Task<IReadOnlyList<BusEvent>> WaitForEventsAsync(int count)
    {
        IReadOnlyList<BusEvent> events = [];
        await Poll.UntilAsync(async () => (events = await EventsAsync()).Count >= count, $"{count} events");
        return events;
    }

    /// <summary>Stops the driver as a pod stops (graceful), and waits for it.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_returnReader is not null)
        {
            await _returnReader.DisposeAsync();
        }

        if (_eventReader is not null)
        {
            await _eventReader.DisposeAsync();
        }

        await Bus.DisposeAsync();
        _stop.Dispose();
    }
}
