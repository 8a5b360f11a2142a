using Honeydipper.Bus;
using Honeydipper.Bus.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Honeydipper.Drivers.Sdk;

/// <summary>
/// Runs a driver on the bus (docs/bus-protocol.md): loads its options and reloads them when told, serves its commands
/// (several at once), takes over commands a dead replica left behind, publishes events, and says it is alive. Register
/// handlers with <see cref="Handle"/>, then <see cref="RunAsync"/> until the token is cancelled.
/// </summary>
public sealed partial class DriverHost(IMessageBus bus, DriverHostOptions options, ILogger? logger = null) : IDisposable
{
    private readonly Dictionary<string, CommandHandler> _handlers = new(StringComparer.Ordinal);
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrency, options.MaxConcurrency);
    private readonly List<Func<DriverOptions, CancellationToken, Task>> _optionHandlers = [];
    // The commands being served, by stream entry id: a command read again (own pending after an outage, or claimed
    // back) while it runs is not started twice, and the heartbeat keeps these from looking abandoned.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, BusDelivery> _inFlight = new(StringComparer.Ordinal);

    // Commands being served, by command id, and those the engine abandoned lately (a cancel that arrives before its
    // command is read must still keep it from running): command id → when the signal came.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, CancellationTokenSource> _aborts = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _abandoned = new(StringComparer.Ordinal);

    /// <summary>The options last loaded.</summary>
    public DriverOptions Options { get; private set; } = DriverOptions.Empty;

    /// <summary><c>starting</c>, <c>alive</c>, <c>stopping</c> or <c>stopped</c>.</summary>
    public string State { get; private set; } = "starting";

    public int InFlight => _inFlight.Count;

    /// <summary>Where secret references in the options resolve.</summary>
    public Secrets.ISecretSource Secrets => options.Secrets;

    public TimeProvider Time => options.Time;

    public string Namespace => options.Namespace;

    public string DriverName => options.Driver;

    public void Dispose() => _slots.Dispose();

    public DriverHost Handle(string method, CommandHandler handler)
    {
        _handlers[method] = handler;
        return this;
    }

    /// <summary>Called with the options at start and whenever they change; a handler that throws keeps the old ones in force.</summary>
    public DriverHost OnOptions(Func<DriverOptions, CancellationToken, Task> handler)
    {
        _optionHandlers.Add(handler);
        return this;
    }

    /// <summary>Publishes a raw event; returns its eventID (the label, made when absent).</summary>
    /// <param name="messageId">The message id; give the same one when publishing the same event again (after a restart, a
    /// lost reply) and the engine handles it once. A new one is made when absent.</param>
    /// <exception cref="BusUnavailableException">The bus is down: tell the sender to retry (a webhook answers 503).</exception>
    public async Task<string> PublishEventAsync(string rawEvent, object? data, IReadOnlyDictionary<string, string>? labels = null, string? messageId = null, CancellationToken cancellationToken = default)
    {
        Dictionary<string, string> eventLabels = labels is null ? new(StringComparer.Ordinal) : new(labels, StringComparer.Ordinal);
        if (!eventLabels.TryGetValue("eventID", out string? eventId) || eventId.Length == 0)
        {
            eventLabels["eventID"] = eventId = Guid.NewGuid().ToString();
        }

        BusEvent busEvent = new(messageId ?? Guid.NewGuid().ToString("N"), options.Driver, rawEvent, eventLabels, data);
        await bus.PublishAsync(StreamName.Events(options.Namespace), busEvent.ToMessage(), cancellationToken).ConfigureAwait(false);
        return eventId;
    }

    /// <summary>A value this driver saved with <see cref="SaveStateAsync"/> (by any of its replicas, in any earlier run), or null.</summary>
    /// <exception cref="BusUnavailableException">The bus is down.</exception>
    public Task<string?> LoadStateAsync(string key, CancellationToken cancellationToken = default) =>
        bus.GetValueAsync(BusKeys.DriverState(options.Namespace, options.Driver, key), cancellationToken);

    /// <summary>Saves a small value that survives restarts of the driver (kept <paramref name="timeToLive"/>, or for ever).</summary>
    /// <exception cref="BusUnavailableException">The bus is down.</exception>
    public Task SaveStateAsync(string key, string value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
        bus.SetValueAsync(BusKeys.DriverState(options.Namespace, options.Driver, key), value, timeToLive, cancellationToken);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        CommandRunner runner = new(_handlers, options);
        await LoadOptionsAsync(cancellationToken).ConfigureAwait(false);
        await using IAsyncDisposable control = await bus.ListenControlAsync(options.Namespace, signal => OnControlAsync(signal, cancellationToken), cancellationToken).ConfigureAwait(false);
        await using IBusSubscription commands = await bus.SubscribeAsync(StreamName.Commands(options.Namespace, options.Driver), "driver", options.Instance, cancellationToken).ConfigureAwait(false);
        State = "alive";
        List<Task> running = [];
        Task heartbeat = HeartbeatAsync(commands, cancellationToken);

        // Commands in flight run on their own token: stopping ends the reading at once, but the work only after the grace period.
        using CancellationTokenSource work = new();
        try
        {
            await DispatchAsync(await commands.ReadOwnPendingAsync(options.MaxConcurrency, cancellationToken).ConfigureAwait(false), commands, runner, running, work.Token, cancellationToken).ConfigureAwait(false);
            long lastClaim = options.Time.GetTimestamp();
            bool rereadOwn = false;
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    if (rereadOwn)
                    {
                        // After an outage: options may have changed unseen (pub/sub is not durable), and a read whose
                        // reply was lost left commands pending under our name.
                        await LoadOptionsAsync(cancellationToken).ConfigureAwait(false);
                        await DispatchAsync(await commands.ReadOwnPendingAsync(options.MaxConcurrency, cancellationToken).ConfigureAwait(false), commands, runner, running, work.Token, cancellationToken).ConfigureAwait(false);
                        rereadOwn = false;
                    }

                    // Read only what can start now: a command read but queued here would look abandoned to other replicas.
                    await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                    _slots.Release();
                    IReadOnlyList<BusDelivery> batch = await commands.ReadAsync(Math.Max(1, _slots.CurrentCount), TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
                    if (options.Time.GetElapsedTime(lastClaim) > options.ClaimIdleAfter / 2)
                    {
                        lastClaim = options.Time.GetTimestamp();
                        batch = [.. batch, .. await commands.ClaimIdleAsync(options.ClaimIdleAfter, options.MaxConcurrency, cancellationToken).ConfigureAwait(false)];
                    }

                    await DispatchAsync(batch, commands, runner, running, work.Token, cancellationToken).ConfigureAwait(false);
                }
                catch (BusUnavailableException ex)
                {
                    Log.BusDown(_logger, options.Driver, ex.Message);
                    rereadOwn = true;
                    await Task.Delay(TimeSpan.FromSeconds(1), options.Time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            State = "stopping";
            // Commands still running after the grace period stay unacknowledged: another replica claims them.
            await Task.WhenAny(Task.WhenAll(running), Task.Delay(options.ShutdownGrace, options.Time, CancellationToken.None)).ConfigureAwait(false);
            await work.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(running).ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
            State = "stopped";
            await PublishHealthAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task DispatchAsync(IReadOnlyList<BusDelivery> batch, IBusSubscription commands, CommandRunner runner, List<Task> running, CancellationToken work, CancellationToken reading)
    {
        running.RemoveAll(t => t.IsCompleted);
        foreach (BusDelivery delivery in batch)
        {
            if (_inFlight.ContainsKey(delivery.EntryId))
            {
                continue; // already being served here
            }

            await _slots.WaitAsync(reading).ConfigureAwait(false);
            _inFlight[delivery.EntryId] = delivery;
            running.Add(Task.Run(() => ServeAsync(delivery, commands, runner, work), CancellationToken.None));
        }
    }

    private async Task ServeAsync(BusDelivery delivery, IBusSubscription commands, CommandRunner runner, CancellationToken cancellationToken)
    {
        try
        {
            BusCommand command = BusCommand.From(delivery.Message);
            string doneKey = BusKeys.DriverDone(options.Namespace, options.Driver) + ":" + command.CommandId;
            if (delivery.DeliveryCount > 1 && await bus.GetValueAsync(doneKey, cancellationToken).ConfigureAwait(false) is not null)
            {
                await commands.AckAsync([delivery], cancellationToken).ConfigureAwait(false); // answered before: do not run it twice
                return;
            }

            CommandResult result;
            using (CancellationTokenSource abort = new())
            {
                _aborts[command.CommandId] = abort;
                if (_abandoned.ContainsKey(command.CommandId))
                {
                    await abort.CancelAsync().ConfigureAwait(false);
                }

                try
                {
                    result = await runner.RunAsync(command, cancellationToken, abort.Token).ConfigureAwait(false);
                }
                finally
                {
                    _aborts.TryRemove(new KeyValuePair<string, CancellationTokenSource>(command.CommandId, abort));
                }
            }

            if (result.Reason == CommandRunner.CancelledReason)
            {
                Log.CommandCancelled(_logger, options.Driver, command.CommandId);
            }

            BusMessage? reply = command.SessionId.Length > 0
                ? BusReturn.For(command, result.Status, result.Reason, result.Data, Guid.NewGuid().ToString("N")).ToMessage()
                : null;

            // The work is done: keep its answer until the bus takes it rather than have the command run again. The
            // answer, the mark that it was answered and the acknowledgement go in one transaction (one round trip, not
            // three, and never one without the others). A reply published twice (the first try's reply lost after the
            // transaction ran) is one the engine drops as stale.
            BusBatch done = new();
            if (reply is not null)
            {
                done.Publish(StreamName.Returns(options.Namespace), reply);
            }

            done.SetValue(doneKey, "1", TimeSpan.FromHours(1));
            done.Ack(commands, delivery);
            await UntilSavedAsync(() => bus.CommitAsync(done, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (ProtocolException ex)
        {
            Log.BadCommand(_logger, options.Driver, delivery.EntryId, ex.Message);
            await commands.AckAsync([delivery], CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or BusUnavailableException)
        {
            // Left unacknowledged: it is served again after a restart or by another replica.
        }
        finally
        {
            _inFlight.TryRemove(delivery.EntryId, out _);
            _slots.Release();
        }
    }

    private async Task OnControlAsync(ControlSignal signal, CancellationToken cancellationToken)
    {
        switch (signal.Kind)
        {
            case ControlSignal.Config when signal.Driver.Length == 0 || signal.Driver == options.Driver:
                await LoadOptionsAsync(cancellationToken).ConfigureAwait(false);
                break;
            case ControlSignal.Cancel when signal.Data.Length > 0 && (signal.Driver.Length == 0 || signal.Driver == options.Driver):
                long now = options.Time.GetTimestamp();
                if (_abandoned.Count >= 4096)
                {
                    foreach ((string id, long at) in _abandoned)
                    {
                        if (options.Time.GetElapsedTime(at, now) > TimeSpan.FromMinutes(10))
                        {
                            _abandoned.TryRemove(id, out _);
                        }
                    }
                }

                _abandoned[signal.Data] = now;
                if (_aborts.TryGetValue(signal.Data, out CancellationTokenSource? abort))
                {
                    try
                    {
                        await abort.CancelAsync().ConfigureAwait(false);
                    }
                    catch (ObjectDisposedException)
                    {
                        // It finished meanwhile.
                    }
                }

                break;
        }
    }

    private async Task UntilSavedAsync(Func<Task> save, CancellationToken cancellationToken)
    {
        TimeSpan pause = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                await save().ConfigureAwait(false);
                return;
            }
            catch (BusUnavailableException ex)
            {
                Log.BusDown(_logger, options.Driver, ex.Message);
                await Task.Delay(pause, options.Time, cancellationToken).ConfigureAwait(false);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }
    }

    private async Task LoadOptionsAsync(CancellationToken cancellationToken)
    {
        string? json = await bus.GetValueAsync(BusKeys.DriverConfig(options.Namespace, options.Driver), cancellationToken).ConfigureAwait(false);
        DriverOptions loaded = json is null ? DriverOptions.Empty : DriverOptions.FromJson(json);
        try
        {
            foreach (Func<DriverOptions, CancellationToken, Task> handler in _optionHandlers)
            {
                await handler(loaded, cancellationToken).ConfigureAwait(false);
            }

            Options = loaded;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.OptionsRejected(_logger, options.Driver, ex.Message);
        }
    }

    private async Task HeartbeatAsync(IBusSubscription commands, CancellationToken cancellationToken)
    {
        // Often enough that a command still running never reaches ClaimIdleAfter without being touched.
        TimeSpan touchEvery = options.ClaimIdleAfter / 3;
        TimeSpan period = touchEvery > TimeSpan.Zero && touchEvery < options.HeartbeatInterval ? touchEvery : options.HeartbeatInterval;
        using PeriodicTimer timer = new(period, options.Time);
        try
        {
            do
            {
                await TouchInFlightAsync(commands, cancellationToken).ConfigureAwait(false);
                await PublishHealthAsync(cancellationToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>Long commands (a job that runs for minutes) must not look abandoned to <c>ClaimIdle</c> here or in a replica.</summary>
    private async Task TouchInFlightAsync(IBusSubscription commands, CancellationToken cancellationToken)
    {
        try
        {
            await commands.TouchAsync([.. _inFlight.Values], cancellationToken).ConfigureAwait(false);
        }
        catch (BusUnavailableException ex)
        {
            Log.BusDown(_logger, options.Driver, ex.Message);
        }
    }

    private async Task PublishHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            string health = Core.Values.GoJson.Serialize(new Dictionary<string, object?>
            {
                ["state"] = State,
                ["instance"] = options.Instance,
                ["inflight"] = (double)InFlight,
                ["at"] = options.Time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            });
            await bus.SetValueAsync(BusKeys.DriverHealth(options.Namespace, options.Driver, options.Instance), health, options.HeartbeatInterval * 3, cancellationToken).ConfigureAwait(false);
        }
        catch (BusUnavailableException ex)
        {
            Log.BusDown(_logger, options.Driver, ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "driver {Driver}: the bus is unavailable: {Reason}")]
        public static partial void BusDown(ILogger logger, string driver, string reason);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "driver {Driver}: dropped command entry {EntryId} that breaks the protocol: {Reason}")]
        public static partial void BadCommand(ILogger logger, string driver, string entryId, string reason);

        [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "driver {Driver}: command {CommandId} stopped: its run was cancelled")]
        public static partial void CommandCancelled(ILogger logger, string driver, string commandId);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "driver {Driver}: new options rejected, the previous ones stay in force: {Reason}")]
        public static partial void OptionsRejected(ILogger logger, string driver, string reason);
    }
}
