using System.Collections.Concurrent;
using Honeydipper.Api;
using Honeydipper.Api.Audit;
using Honeydipper.Bus;
using Honeydipper.Hosting;
using Honeydipper.Operator.Kube;
using Honeydipper.Operator.Runs;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Operator.Engines;

/// <summary>
/// The engines this replica runs while it leads: one per namespace with Honeydipper objects, each on the
/// namespace's streams in Redis, with a writer that shows its runs as WorkflowRuns. Losing the lead disposes them all
/// (each saves its last turn); the next leader restores their sessions from Redis.
/// </summary>
internal sealed partial class EngineRegistry(IMessageBus bus, OperatorKube kube, OperatorOptions options, OperatorMetrics metrics, AuditLog audit) : IAsyncDisposable, IApiTargets
{
    private readonly ConcurrentDictionary<string, NamespaceEngine> _engines = new(StringComparer.Ordinal);
    private readonly ILogger _logger = options.LoggerFactory.CreateLogger("Honeydipper.Operator.Engines");

    /// <summary>What a <c>reload</c> broadcast does for a namespace (sync its ConfigRepos, compile it again).</summary>
    public Func<string, CancellationToken, Task> Reload { get; set; } = (_, _) => Task.CompletedTask;

    public NamespaceEngine? Get(string ns) => _engines.TryGetValue(ns, out NamespaceEngine? engine) && !engine.Host.Completion.IsCompleted ? engine : null;

    public IReadOnlyCollection<string> Names => [.. _engines.Where(e => !e.Value.Host.Completion.IsCompleted).Select(e => e.Key)];

    ApiNamespace? IApiTargets.Find(string ns) => Get(ns)?.Api;

    /// <summary>Starts the namespace's engine with this configuration, or swaps it in between two turns.</summary>
    public async Task ApplyAsync(string ns, NamespaceState state, CancellationToken cancellationToken)
    {
        if (_engines.TryGetValue(ns, out NamespaceEngine? running))
        {
            if (!running.Host.Completion.IsCompleted)
            {
                if (!ReferenceEquals(running.State.Config, state.Config) && running.State.Digest != state.Digest)
                {
                    await running.Host.ReconfigureAsync(state.Config).ConfigureAwait(false);
                    Audit(ns, state, running.State);
                }

                running.State = state;
                return;
            }

            Log.EngineStopped(_logger, ns, running.Host.Completion.Exception?.GetBaseException().Message ?? "stopped");
            _engines.TryRemove(ns, out _);
            await running.DisposeAsync().ConfigureAwait(false);
        }

        EngineHost host = new(bus, new EngineHostOptions
        {
            Namespace = ns,
            Instance = options.Identity,
            Durable = true,
            KeepFinishedRuns = true,
            TakeOverOnStart = true,
            ClaimIdleAfter = options.ClaimIdleAfter,
            Time = options.Time,
            Logger = options.LoggerFactory.CreateLogger("Honeydipper.Engine"),
        });
        NamespaceEngine engine = new(host, state);
        if (options.ApiListen is not null)
        {
            engine.Api = new ApiNamespace(ns, host, bus, () => engine.State.Config, audit, options.Time)
            {
                DriverHealth = (name, _) => Task.FromResult(DriverHealth(ns, name)),
            };
            host.RunsChanged += engine.Api.OnRunsChanged;
        }
        RunWriter writer = new(ns, host, () => engine.State, kube, options, metrics, options.LoggerFactory.CreateLogger("Honeydipper.Operator.Runs"));
        host.RunsChanged += writer.OnRunsChanged;
        await host.StartAsync(state.Config, cancellationToken).ConfigureAwait(false);
        engine.Writing = Task.Run(() => writer.RunAsync(engine.Stopping.Token), CancellationToken.None);
        Plumbing.BroadcastDriver broadcast = new(bus, ns, host, (n, c) => Reload(n, c), options);
        engine.Broadcasting = Task.Run(() => broadcast.RunAsync(engine.Stopping.Token), CancellationToken.None);
        _engines[ns] = engine;
        Audit(ns, state, null);
        metrics.Engines(_engines.Count);
        Log.EngineStarted(_logger, ns);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (NamespaceEngine engine in _engines.Values)
        {
            await engine.DisposeAsync().ConfigureAwait(false);
        }

        _engines.Clear();
        metrics.Engines(0);
    }

    /// <summary>A configuration the engine now runs: what it was compiled from and, for a change, what it replaced.</summary>
    private void Audit(string ns, NamespaceState state, NamespaceState? before) =>
        audit.Write(new AuditRecord("config.apply", $"operator/{options.Identity}", ns, "configuration", new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["digest"] = state.Digest,
            ["previousDigest"] = before?.Digest,
            ["commit"] = state.Commit,
            ["objects"] = state.Generations.ToDictionary(g => g.Key, g => (object?)(double)g.Value, StringComparer.Ordinal),
            ["workflows"] = (double)state.Config.Workflows.Count,
            ["rules"] = (double)state.Config.Rules.Count,
        }));

    /// <summary>A driver's health from its Driver object: ready replicas and its Ready condition.</summary>
    private string? DriverHealth(string ns, string name)
    {
        Kubernetes.Resources.Drivers.Driver? driver = kube.DriverInformer.Cache.List()
            .FirstOrDefault(d => d.Metadata.NamespaceProperty == ns && (d.Spec.Name ?? d.Metadata.Name) == name);
        if (driver is null)
        {
            return null;
        }

        k8s.Models.V1Condition? ready = driver.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
        return Core.Values.GoJson.Serialize(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["state"] = ready?.Status == "True" ? "ready" : ready is null ? "pending" : "not ready",
            ["replicas"] = (double)(driver.Status?.Replicas ?? 0),
            ["readyReplicas"] = (double)(driver.Status?.ReadyReplicas ?? 0),
            ["reason"] = ready?.Reason,
            ["message"] = ready?.Message,
        });
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "namespace {Namespace}: engine started")]
        public static partial void EngineStarted(ILogger logger, string @namespace);

        [LoggerMessage(EventId = 321, Level = LogLevel.Error, Message = "namespace {Namespace}: engine stopped ({Reason}); starting it again")]
        public static partial void EngineStopped(ILogger logger, string @namespace, string reason);
    }
}

/// <summary>A namespace's engine, the configuration it runs, and its run writer.</summary>
internal sealed class NamespaceEngine(EngineHost host, NamespaceState state) : IAsyncDisposable
{
    public EngineHost Host { get; } = host;

    public NamespaceState State { get; set; } = state;

    public Task Writing { get; set; } = Task.CompletedTask;

    /// <summary>The namespace's <c>redispubsub</c> driver, served by the operator.</summary>
    public Task Broadcasting { get; set; } = Task.CompletedTask;

    /// <summary>The namespace as the API serves it (runs seen by this engine, configuration, driver health).</summary>
    public ApiNamespace? Api { get; set; }

    public CancellationTokenSource Stopping { get; } = new();

    public async ValueTask DisposeAsync()
    {
        // The engine first (its last turn is saved and announced), then the writer's last flush.
        await Host.DisposeAsync().ConfigureAwait(false);
        await Stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Writing.ConfigureAwait(false);
            await Broadcasting.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        Stopping.Dispose();
    }
}
