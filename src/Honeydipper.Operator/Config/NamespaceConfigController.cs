using System.Security.Cryptography;
using System.Text;
using Honeydipper.Kubernetes.Resources.Contexts;
using Honeydipper.Kubernetes.Resources.Drivers;
using Honeydipper.Kubernetes.Resources.Rules;
using Honeydipper.Kubernetes.Resources.Systems;
using Honeydipper.Kubernetes.Resources.Workflows;
using Honeydipper.Kubernetes.Runtime.Informers;
using Honeydipper.Kubernetes.Runtime.Queues;
using Honeydipper.Kubernetes.Runtime.Resources;
using Honeydipper.Operator.Compilation;
using Honeydipper.Operator.Engines;
using Honeydipper.Operator.Kube;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Operator.Config;

/// <summary>
/// Compiles each namespace's Systems, Rules, Workflows, Contexts and Drivers into the engine's configuration (with
/// the Secrets that dataFrom names), swaps it into the namespace's engine, and hands every object's verdict to the
/// <see cref="ConfigStatusWriter"/>, which writes their Ready conditions one object at a time: a failed status write
/// never undoes or repeats the compile. A change to one of those objects' spec or metadata recompiles its namespace
/// (a change of its status alone only has the status checked again); so does a timer (for Secret rotations).
/// </summary>
internal sealed partial class NamespaceConfigController
{
    public const string CommitAnnotation = "honeydipper.io/commit";

    private readonly OperatorKube _kube;
    private readonly EngineRegistry _engines;
    private readonly OperatorOptions _options;
    private readonly OperatorMetrics _metrics;
    private readonly ILogger _logger;
    private readonly List<IConfigKind> _kinds;
    private readonly ConfigStatusWriter _status;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _compiled = new(StringComparer.Ordinal); // namespace → digest last applied

    public NamespaceConfigController(OperatorKube kube, EngineRegistry engines, OperatorOptions options, OperatorMetrics metrics)
    {
        _kube = kube;
        _engines = engines;
        _options = options;
        _metrics = metrics;
        _logger = options.LoggerFactory.CreateLogger("Honeydipper.Operator.Config");
        Queue = new WorkQueue<string>(RateLimiters.Default<string>(options.Time), options.Time);
        _kinds =
        [
            new ConfigKind<Driver, DriverSpec, DriverStatus>("Driver", kube.DriverInformer, kube.Drivers, SpecTree.From),
            new ConfigKind<HoneydipperSystem, SystemSpec, SystemStatus>("System", kube.SystemInformer, kube.Systems, SpecTree.From),
            new ConfigKind<Rule, RuleSpec, RuleStatus>("Rule", kube.RuleInformer, kube.Rules, SpecTree.From),
            new ConfigKind<Workflow, WorkflowSpec, WorkflowStatus>("Workflow", kube.WorkflowInformer, kube.Workflows, SpecTree.From),
            new ConfigKind<HoneydipperContext, ContextSpec, ContextStatus>("Context", kube.ContextInformer, kube.Contexts, SpecTree.From),
        ];
        _status = new ConfigStatusWriter(_kinds, kube.Events, options);
        EnqueueConfig(kube.DriverInformer, "Driver");
        EnqueueConfig(kube.SystemInformer, "System");
        EnqueueConfig(kube.RuleInformer, "Rule");
        EnqueueConfig(kube.WorkflowInformer, "Workflow");
        EnqueueConfig(kube.ContextInformer, "Context");
        // A namespace with only WorkflowRuns still needs an engine to run them; once it has one, runs come and go
        // (their statuses change every second or so while they run) without anything to compile.
        Enqueue(kube.WorkflowRunInformer, ns => _engines.Get(ns) is null);
        Enqueue(kube.ConfigRepoInformer); // a new commit applied changes the configuration's revision
    }

    public WorkQueue<string> Queue { get; }

    /// <summary>Runs while leading: every namespace is compiled at least once per ConfigResync.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _compiled.Clear(); // a new term: apply everything to the new engines
        _status.Reset();
        Task resync = ResyncAsync(cancellationToken);
        Task statuses = _status.RunAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            string ns;
            try
            {
                ns = await Queue.TakeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                await ReconcileAsync(ns, cancellationToken).ConfigureAwait(false);
                Queue.Forget(ns);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Queue.Add(ns);
            }
            catch (Exception ex)
            {
                Log.CompileFailed(_logger, ns, ex);
                Queue.AddRateLimited(ns);
            }
            finally
            {
                Queue.Done(ns);
            }
        }

        await Task.WhenAll(resync, statuses).ConfigureAwait(false);
    }

    private async Task ReconcileAsync(string ns, CancellationToken cancellationToken)
    {
        List<(IConfigKind Kind, ConfigObject Object)> objects = [.. _kinds.SelectMany(k => k.Objects(ns).Select(o => (k, o)))];
        Dictionary<string, IReadOnlyDictionary<string, string>?> secrets = new(StringComparer.Ordinal);
        StringBuilder fingerprint = new();
        foreach (string name in SecretNames(objects.Select(o => o.Object)))
        {
            (IReadOnlyDictionary<string, string> Data, string Version)? secret = await _kube.ReadSecretAsync(ns, name, cancellationToken).ConfigureAwait(false);
            secrets[name] = secret?.Data;
            fingerprint.Append("Secret/").Append(name).Append('@').Append(secret?.Version ?? "-").Append('\n');
        }

        CompiledNamespace compiled = ConfigCompiler.Compile(objects.Select(o => o.Object), name => secrets.GetValueOrDefault(name));
        _metrics.Compiled(ns);
        Dictionary<string, long> generations = new(StringComparer.Ordinal);
        foreach ((IConfigKind _, ConfigObject obj) in objects.OrderBy(o => o.Object.Kind, StringComparer.Ordinal).ThenBy(o => o.Object.Name, StringComparer.Ordinal))
        {
            fingerprint.Append(obj.Kind).Append('/').Append(obj.Name).Append('@').Append(obj.Generation).Append('\n');
            if (compiled.Verdicts[obj.Key].InUse)
            {
                generations[$"{obj.Kind}/{obj.HoneydipperName}"] = obj.Generation;
            }
        }

        string? commit = Commit(ns);
        fingerprint.Append("commit@").Append(commit).Append('\n');
        string digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint.ToString())))[..12];
        NamespaceState state = new(compiled.Config, digest, generations, commit);
        if (!_compiled.TryGetValue(ns, out string? applied) || applied != digest || _engines.Get(ns) is null)
        {
            await _engines.ApplyAsync(ns, state, cancellationToken).ConfigureAwait(false);
            _compiled[ns] = digest;
            _metrics.Applied(ns, objects.Where(o => o.Kind.Kind != "Driver").Select(o => compiled.Verdicts[o.Object.Key].Reason));
        }

        // The engine runs this configuration now, whatever becomes of the status writes.
        _status.Publish(ns, objects.Where(o => o.Kind.Kind != "Driver").Select(o => (o.Kind, o.Object, WantedStatus.Of(o.Object, compiled.Verdicts[o.Object.Key]))));
    }

    /// <summary>
    /// The Git commit when every object of the namespace came from the same commit: the one their ConfigRepo last
    /// applied, or the one a GitOps tool wrote in their honeydipper.io/commit annotation.
    /// </summary>
    private string? Commit(string ns)
    {
        List<V1ObjectMeta> objects = [.. _kube.SystemInformer.Cache.List().Select(o => o.Metadata).Concat(_kube.RuleInformer.Cache.List().Select(o => o.Metadata))
            .Concat(_kube.WorkflowInformer.Cache.List().Select(o => o.Metadata)).Concat(_kube.ContextInformer.Cache.List().Select(o => o.Metadata))
            .Where(m => m.NamespaceProperty == ns)];
        HashSet<string?> commits = [.. objects.Select(m => m.Annotations is { } a && a.TryGetValue(CommitAnnotation, out string? c) ? c : null)];
        if (commits.Count == 1 && commits.Single() is { } annotated)
        {
            return annotated;
        }

        HashSet<string?> repos = [.. objects.Select(m => m.Labels is { } l && l.TryGetValue(GitOps.RepoObjects.RepoLabel, out string? r) ? r : null)];
        return repos.Count == 1 && repos.Single() is { } repo ? _kube.ConfigRepoInformer.Cache.Get(new ObjectKey(ns, repo))?.Status?.LastSyncedCommit : null;
    }

    private static IEnumerable<string> SecretNames(IEnumerable<ConfigObject> objects) =>
        objects.Where(o => o.Kind == "System" && o.Spec is not null && o.Spec.TryGetValue("dataFrom", out object? d) && d is IList<object?>)
            .SelectMany(o => (IList<object?>)o.Spec!["dataFrom"]!)
            .OfType<IDictionary<string, object?>>()
            .Select(s => s.TryGetValue("secretRef", out object? r) && r is IDictionary<string, object?> secretRef && secretRef.TryGetValue("name", out object? n) ? n as string : null)
            .OfType<string>()
            .Where(n => n.Length > 0)
            .Distinct(StringComparer.Ordinal);

    /// <summary>
    /// A configuration object that appeared, went, or changed in what the compile reads (spec, hence generation;
    /// labels and annotations, for the commit) recompiles its namespace; any other change, its status above all (our
    /// own writes come back this way), only has its status checked again.
    /// </summary>
    private void EnqueueConfig<T>(Informer<T> informer, string kind)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        informer.AddHandler(e =>
        {
            if (e.Current.Metadata.NamespaceProperty is not { Length: > 0 } ns)
            {
                return;
            }

            if (e.Type == InformerEventType.Updated && e.Old is { } old && SameInputs(old.Metadata, e.Current.Metadata))
            {
                _status.Recheck(kind, ns, e.Current.Metadata.Name);
            }
            else
            {
                Queue.Add(ns);
            }
        });

    private static bool SameInputs(V1ObjectMeta old, V1ObjectMeta current) =>
        old.Generation == current.Generation && (old.DeletionTimestamp is null) == (current.DeletionTimestamp is null)
        && SameEntries(old.Labels, current.Labels) && SameEntries(old.Annotations, current.Annotations);

    private static bool SameEntries(IDictionary<string, string>? a, IDictionary<string, string>? b) =>
        (a?.Count ?? 0) == (b?.Count ?? 0) && (a is null || a.All(e => b is not null && b.TryGetValue(e.Key, out string? v) && v == e.Value));

    private void Enqueue<T>(Informer<T> informer, Func<string, bool>? when = null)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        informer.AddHandler(e =>
        {
            if (e.Current.Metadata.NamespaceProperty is { Length: > 0 } ns && (when is null || when(ns)))
            {
                Queue.Add(ns);
            }
        });

    private async Task ResyncAsync(CancellationToken cancellationToken)
    {
        using PeriodicTimer timer = new(_options.ConfigResync, _options.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (string ns in _compiled.Keys.ToList())
                {
                    Queue.Add(ns);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 330, Level = LogLevel.Error, Message = "namespace {Namespace}: could not apply the configuration, trying again")]
        public static partial void CompileFailed(ILogger logger, string @namespace, Exception exception);
    }
}
