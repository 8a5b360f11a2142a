using System.Threading.Channels;
using Honeydipper.Bus;
using Honeydipper.Bus.Protocol;
using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Engine;
using Honeydipper.Core.Engine.Runs;
using Honeydipper.Core.Engine.State;

namespace Honeydipper.Hosting;

/// <summary>
/// Runs the engine on the bus: events and returns in, commands out, one turn at a time on a single loop. Each turn is
/// saved in one batch (sessions, runs, the commands it sends, the events it has seen, the acknowledgements of what it
/// handled), so a crash loses nothing accepted and a restart resumes every running and waiting session. The engine is
/// only touched by the loop; everything else posts work to it.
/// </summary>
public sealed partial class EngineHost(IMessageBus bus, EngineHostOptions options) : IAsyncDisposable
{
    // Work for the loop; a null engine means the host stopped before running it (the work then fails as cancelled).
    private readonly Channel<Action<WorkflowEngine?>> _posted = Channel.CreateUnbounded<Action<WorkflowEngine?>>();
    private readonly Channel<(IBusSubscription Sub, BusDelivery Delivery)> _inputs = Channel.CreateBounded<(IBusSubscription, BusDelivery)>(4096);
    private readonly LoopSignal _wake = new(); // set after queueing on either channel
    private readonly TurnOutput _output = new();
    private readonly List<(string RequestId, string RunId, TaskCompletionSource<string> Saved)> _startedRequests = []; // loop only
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tasks = [];
    private WorkflowEngine? _engine;
    private DriverOptionsPublisher? _publisher;

    // The streams this engine reads or writes: it keeps them all bounded (a driver's command stream included).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, StreamName> _trimmed = new(StringComparer.Ordinal);

    /// <summary>Called on the loop after each saved turn with every run that moved (snapshots, safe to keep).</summary>
    public event Action<IReadOnlyCollection<RunRecord>>? RunsChanged;

    public string Namespace => options.Namespace;

    /// <summary>
    /// Completes when the loop stops: normally on dispose; faulted when it hit an error it cannot get past (a bug, or
    /// state it cannot read). The process should then exit non-zero and be restarted; the saved state is intact.
    /// </summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Restores the saved state, publishes driver options and starts consuming.</summary>
    public async Task StartAsync(HoneydipperConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        _engine = new WorkflowEngine(_output, new EngineOptions { Time = options.Time, Logger = options.Logger });
        _engine.Configure(config);
        if (options.Durable)
        {
            await RestoreAsync(_engine, cancellationToken).ConfigureAwait(false);
        }

        _publisher = new DriverOptionsPublisher(bus, options.Namespace, options.SecretHandOff);
        await _publisher.PublishAsync(config, _engine.Rules, cancellationToken).ConfigureAwait(false);
        IBusSubscription events = await bus.SubscribeAsync(StreamName.Events(options.Namespace), "engine", options.Instance, cancellationToken).ConfigureAwait(false);
        IBusSubscription returns = await bus.SubscribeAsync(StreamName.Returns(options.Namespace), "engine", options.Instance, cancellationToken).ConfigureAwait(false);
        _tasks.Add(Task.Run(() => ReadAsync(returns, _stop.Token), CancellationToken.None));
        _tasks.Add(Task.Run(() => ReadAsync(events, _stop.Token), CancellationToken.None));
        Completion = Task.Run(() => LoopAsync(_stop.Token), CancellationToken.None);
        _tasks.Add(Completion);
        _trimmed.TryAdd(events.Stream.Key, events.Stream);
        _trimmed.TryAdd(returns.Stream.Key, returns.Stream);
        _tasks.Add(Task.Run(() => TrimAsync(_stop.Token), CancellationToken.None));
    }

    /// <summary>Swaps in a new configuration between turns and republishes the drivers' options.</summary>
    public Task ReconfigureAsync(HoneydipperConfig config) => OnLoopAsync(engine =>
    {
        engine.Configure(config);
        return engine.Rules;
    }).ContinueWith(t => _publisher!.PublishAsync(config, t.Result, CancellationToken.None), TaskScheduler.Default).Unwrap();

    /// <summary>Starts a workflow (by name, or inline when the name is empty); the run's id, or empty when its condition kept it from running.</summary>
    public Task<string> StartWorkflowAsync(string name, WorkflowDefinition? inline, IDictionary<string, object?>? ctx, IReadOnlyDictionary<string, string>? labels = null) =>
        OnLoopAsync(engine => engine.StartWorkflow(name, inline, ctx, labels));

    /// <summary>
    /// Starts a workflow once per request id, durably: the request is recorded in the same saved turn as the run, so
    /// asking again (after a crash, say) finds it with <see cref="StartedRunAsync"/> instead of starting a second run.
    /// </summary>
    /// <returns>The run's id, or empty when its condition kept it from running.</returns>
    public async Task<string> StartWorkflowAsync(string requestId, string name, WorkflowDefinition? inline, IDictionary<string, object?>? ctx, IReadOnlyDictionary<string, string>? labels)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        TaskCompletionSource<string> saved = new(TaskCreationOptions.RunContinuationsAsynchronously);
        await OnLoopAsync(engine =>
        {
            string runId = engine.StartWorkflow(name, inline, ctx, labels);
            _startedRequests.Add((requestId, runId, saved)); // answered once the turn that holds it is saved
            return runId;
        }).ConfigureAwait(false);
        return await saved.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// The run a request started: its id, empty when the workflow's condition kept it from running, or null when no
    /// run was started for it (or the record expired after a week).
    /// </summary>
    public Task<string?> StartedRunAsync(string requestId, CancellationToken cancellationToken = default) =>
        bus.GetValueAsync(BusKeys.StartRequest(options.Namespace, requestId), cancellationToken);

    /// <summary>The runs in progress and, with <see cref="EngineHostOptions.KeepFinishedRuns"/>, the finished ones not yet forgotten.</summary>
    public async Task<IReadOnlyList<RunRecord>> RunsAsync(CancellationToken cancellationToken = default)
    {
        List<RunRecord> runs = await OnLoopAsync(engine => engine.ActiveRuns.Select(r => r.Snapshot()).ToList()).ConfigureAwait(false);
        if (options.Durable && options.KeepFinishedRuns)
        {
            IReadOnlyDictionary<string, string> finished = await bus.HashGetAllAsync(BusKeys.EngineRunsFinished(options.Namespace), cancellationToken).ConfigureAwait(false);
            runs.AddRange(finished.Values.Select(json => RunState.Restore((IDictionary<string, object?>)StateJson.Deserialize(json)!)));
        }

        return runs;
    }

    /// <summary>Drops the kept final state of these finished runs: their consumer has recorded them.</summary>
    public Task ForgetFinishedRunsAsync(IEnumerable<string> runIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        BusBatch batch = new();
        foreach (string id in runIds)
        {
            batch.HashDelete(BusKeys.EngineRunsFinished(options.Namespace), id);
        }

        return batch.IsEmpty ? Task.CompletedTask : bus.CommitAsync(batch, cancellationToken);
    }

    /// <summary>Resumes a session waiting on a resume token; false when none waits on it.</summary>
    public Task<bool> ResumeAsync(string token, IReadOnlyDictionary<string, string>? labels, object? payload) =>
        OnLoopAsync(engine => engine.Resume(token, labels, payload));

    /// <summary>Cancels an unfinished run (saved with the turn like any change); false when no such run is going.</summary>
    public Task<bool> CancelRunAsync(string runId, string reason) =>
        OnLoopAsync(engine => engine.Cancel(runId, reason));

    /// <summary>Runs a read of the engine on the loop (active runs, session count...).</summary>
    public Task<T> InspectAsync<T>(Func<WorkflowEngine, T> read) => OnLoopAsync(read);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _posted.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        while (_posted.Reader.TryRead(out Action<WorkflowEngine?>? never))
        {
            never(null);
        }

        foreach ((string _, string _, TaskCompletionSource<string> saved) in _startedRequests)
        {
            saved.TrySetCanceled(); // started in a turn that was never saved: it did not happen
        }

        _stop.Dispose();
    }

    private Task<T> OnLoopAsync<T>(Func<WorkflowEngine, T> work)
    {
        TaskCompletionSource<T> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_posted.Writer.TryWrite(engine =>
        {
            if (engine is null)
            {
                done.TrySetCanceled();
                return;
            }

            try
            {
                done.TrySetResult(work(engine));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                done.TrySetException(ex);
            }
        }))
        {
            done.TrySetException(new ObjectDisposedException(nameof(EngineHost)));
        }
        else
        {
            _wake.Set();
        }

        return done.Task;
    }

    private async Task RestoreAsync(WorkflowEngine engine, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> sessions = await bus.HashGetAllAsync(BusKeys.EngineSessions(options.Namespace), cancellationToken).ConfigureAwait(false);
        IReadOnlyDictionary<string, string> runs = await bus.HashGetAllAsync(BusKeys.EngineRuns(options.Namespace), cancellationToken).ConfigureAwait(false);
        IReadOnlyDictionary<string, string> meta = await bus.HashGetAllAsync(BusKeys.EngineMeta(options.Namespace), cancellationToken).ConfigureAwait(false);
        long next = meta.TryGetValue("nextSessionId", out string? n) && long.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out long parsed) ? parsed : 0;
        engine.Restore(
            [.. sessions.Values.Select(json => (IDictionary<string, object?>)StateJson.Deserialize(json)!)],
            [.. runs.Values.Select(json => RunState.Restore((IDictionary<string, object?>)StateJson.Deserialize(json)!))],
            next);
        HostLog.Restored(options.Logger, options.Namespace, sessions.Count, runs.Count);
    }
}
