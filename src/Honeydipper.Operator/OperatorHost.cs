using Honeydipper.Api;
using Honeydipper.Api.Audit;
using Honeydipper.Bus;
using Honeydipper.GitOps;
using Honeydipper.Kubernetes.Resources.ConfigRepos;
using Honeydipper.Kubernetes.Resources.Drivers;
using Honeydipper.Kubernetes.Resources.WorkflowRuns;
using Honeydipper.Kubernetes.Runtime.Controllers;
using Honeydipper.Kubernetes.Runtime.Leadership;
using Honeydipper.Operator.Config;
using Honeydipper.Operator.Api;
using Honeydipper.Operator.Drivers;
using Honeydipper.Operator.Engines;
using Honeydipper.Operator.GitOps;
using Honeydipper.Operator.Kube;
using Honeydipper.Operator.Runs;
using k8s;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Operator;

/// <summary>
/// <c>honeydipper operator</c>: informers on every replica (a warm standby); while this replica holds the lease, the
/// controllers (configuration, drivers, user-created runs, retention) and an engine per namespace. Losing the lease
/// stops them cleanly; the next leader resumes every session from Redis.
/// </summary>
public sealed partial class OperatorHost : IAsyncDisposable
{
    private readonly OperatorOptions _options;
    private readonly OperatorKube _kube;
    private readonly EngineRegistry _engines;
    private readonly NamespaceConfigController _config;
    private readonly Controller<Driver> _drivers;
    private readonly Controller<WorkflowRun> _runs;
    private readonly Controller<ConfigRepo> _repos;
    private readonly RunRetention _retention;
    private readonly LeaderElection _election;
    private readonly OperatorEndpoints _endpoints;
    private readonly ILogger _logger;
    private readonly ApiServer? _api;
    private readonly LeaderPodLabel _leaderLabel;

    public OperatorHost(IKubernetes client, IMessageBus bus, OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = options.LoggerFactory.CreateLogger("Honeydipper.Operator");
        _kube = new OperatorKube(client, options);
        Audit = new AuditLog(options.LoggerFactory, options.AuditSink, options.Time);
        _engines = new EngineRegistry(bus, _kube, options, Metrics, Audit);
        _config = new NamespaceConfigController(_kube, _engines, options, Metrics);
        ILogger controllers = options.LoggerFactory.CreateLogger("Honeydipper.Operator.Controllers");
        _drivers = new Controller<Driver>(_kube.DriverInformer, new DriverReconciler(_kube, options), new ControllerOptions { Name = "drivers" }, options.Time, controllers)
            .Owns(_kube.DeploymentInformer)
            .Owns(_kube.ServiceInformer)
            .Owns(_kube.ServiceAccountInformer)
            .Watches(_kube.SystemInformer, DriversServing); // a System's secretKeyRefs are mounted into the pods of the drivers it uses
        _runs = new Controller<WorkflowRun>(_kube.WorkflowRunInformer, new WorkflowRunReconciler(_kube, _engines, options), new ControllerOptions { Name = "workflowruns" }, options.Time, controllers);
        ConfigRepoReconciler repos = new(_kube, options, new GitMirror(options.GitCacheDirectory));
        _repos = new Controller<ConfigRepo>(_kube.ConfigRepoInformer, repos, new ControllerOptions { Name = "configrepos" }, options.Time, controllers)
            .Owns(_kube.DriverInformer)
            .Owns(_kube.SystemInformer)
            .Owns(_kube.RuleInformer)
            .Owns(_kube.WorkflowInformer)
            .Owns(_kube.ContextInformer);
        _engines.Reload = (ns, _) =>
        {
            foreach (Kubernetes.Runtime.Resources.ObjectKey key in repos.ForceSync(ns))
            {
                _repos.Queue.Add(key);
            }

            _config.Queue.Add(ns);
            return Task.CompletedTask;
        };
        _retention = new RunRetention(_kube, options);
        _election = new LeaderElection(client, new LeaderElectionOptions(options.LeaseNamespace, options.LeaseName, options.Identity)
        {
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        }, options.LoggerFactory.CreateLogger("Honeydipper.Operator.Leader"));
        _endpoints = new OperatorEndpoints(Metrics, () => _kube.Synced);
        _leaderLabel = new LeaderPodLabel(client, options.Pod?.Namespace, options.Pod?.Name, _logger);
        if (options.ApiListen is { } api)
        {
            KubernetesApiAuth auth = new(client, options.Time);
            _api = new ApiServer(_engines, auth, auth, Audit, new ApiOptions
            {
                Listen = api,
                DefaultNamespace = options.WatchNamespace ?? "default",
                Instance = options.Identity,
                Time = options.Time,
            }, options.LoggerFactory);
        }
    }

    /// <summary>Where audit records go: the log (category Honeydipper.Audit) and the optional sink.</summary>
    public AuditLog Audit { get; }

    /// <summary>Where the API and the dashboard answer, once started.</summary>
    public Uri? ApiAddress => _api?.Address;

    public OperatorMetrics Metrics { get; } = new();

    public bool IsLeader => _election.IsLeader;

    /// <summary>Where /healthz, /readyz and /metrics answer, once started.</summary>
    public Uri? HealthAddress => _endpoints.Address;

    /// <summary>True while the namespace's engine runs here (this replica leads and the namespace has objects).</summary>
    public bool RunsEngineFor(string ns) => _engines.Get(ns) is not null;

    /// <summary>Whether the configuration controller has nothing queued or in hand (for tests that count its compiles).</summary>
    internal bool ConfigIdle => _config.Queue.Count == 0 && _config.Queue.Processing == 0;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (_options.HealthListen is { } listen)
        {
            await _endpoints.StartAsync(listen, cancellationToken).ConfigureAwait(false);
        }

        if (_api is not null)
        {
            await _api.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        Log.Started(_logger, _options.Identity, _options.WatchNamespace ?? "all namespaces");
        await _leaderLabel.SetAsync(false, cancellationToken).ConfigureAwait(false); // a label a crash left behind
        using CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        List<Task> informers = [.. _kube.Informers.Select(run => Task.Run(() => run(stop.Token), CancellationToken.None))];
        try
        {
            await _election.RunAsync(LeadAsync, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(informers).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _engines.DisposeAsync().ConfigureAwait(false);
        await _endpoints.DisposeAsync().ConfigureAwait(false);
        if (_api is not null)
        {
            await _api.DisposeAsync().ConfigureAwait(false);
        }
    }

    // Every Driver of the System's namespace: through extends, source and target, a change to one System can change
    // the Secrets of drivers it does not name itself, and a namespace has few Drivers (their reconcile writes only
    // what changed).
    private IEnumerable<Kubernetes.Runtime.Resources.ObjectKey> DriversServing(Kubernetes.Resources.Systems.HoneydipperSystem system) =>
        _kube.DriverInformer.Cache.List()
            .Where(d => d.Metadata.NamespaceProperty == system.Metadata.NamespaceProperty)
            .Select(d => new Kubernetes.Runtime.Resources.ObjectKey(d.Metadata.NamespaceProperty, d.Metadata.Name));

    private async Task LeadAsync(CancellationToken term)
    {
        Log.Leading(_logger, _options.Identity);
        Metrics.Leading(true);
        await _leaderLabel.SetAsync(true, term).ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_config.RunAsync(term), _drivers.RunAsync(term), _runs.RunAsync(term), _repos.RunAsync(term), _retention.RunAsync(term)).ConfigureAwait(false);
        }
        finally
        {
            // The term is over (lease lost or stopping): every engine saves its last turn and lets go.
            await _engines.DisposeAsync().ConfigureAwait(false);
            using (CancellationTokenSource unlabel = new(TimeSpan.FromSeconds(5)))
            {
                await _leaderLabel.SetAsync(false, unlabel.Token).ConfigureAwait(false);
            }

            Metrics.Leading(false);
            Log.NotLeading(_logger, _options.Identity);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 350, Level = LogLevel.Information, Message = "operator {Identity} started, watching {Scope}")]
        public static partial void Started(ILogger logger, string identity, string scope);

        [LoggerMessage(EventId = 351, Level = LogLevel.Information, Message = "{Identity} leads: controllers and engines running")]
        public static partial void Leading(ILogger logger, string identity);

        [LoggerMessage(EventId = 352, Level = LogLevel.Information, Message = "{Identity} no longer leads: controllers and engines stopped")]
        public static partial void NotLeading(ILogger logger, string identity);
    }
}
