using System.Collections.Concurrent;
using Honeydipper.Core.Values;
using Honeydipper.GitOps;
using Honeydipper.Kubernetes.Resources.ConfigRepos;
using Honeydipper.Kubernetes.Runtime.Conditions;
using Honeydipper.Kubernetes.Runtime.Controllers;
using Honeydipper.Kubernetes.Runtime.Informers;
using Honeydipper.Kubernetes.Runtime.Resources;
using Honeydipper.Operator.Kube;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Operator.GitOps;

/// <summary>
/// A ConfigRepo → the Honeydipper objects its repository defines, in its namespace, owned and labelled by it.
/// It fetches every <c>interval</c> (and at once when the spec or the <c>honeydipper.io/sync-now</c> annotation
/// changes), loads and validates the commit, and only then applies: objects whose definition did not change are not
/// written, objects it no longer defines are pruned, objects it does not own are never touched. A commit that fails
/// leaves everything as it was and the ConfigRepo <c>Stalled</c> with file, line and message; an unreachable
/// repository leaves everything as it was too.
/// </summary>
internal sealed partial class ConfigRepoReconciler(OperatorKube kube, OperatorOptions options, GitMirror mirror) : IReconciler<ConfigRepo>
{
    public const string SyncNowAnnotation = "honeydipper.io/sync-now";

    private readonly ILogger _logger = options.LoggerFactory.CreateLogger("Honeydipper.Operator.ConfigRepos");
    private readonly ConcurrentDictionary<ObjectKey, Attempt> _attempts = new();
    private readonly ConcurrentDictionary<ObjectKey, bool> _forced = new();

    /// <summary>Makes the next reconcile of these ConfigRepos fetch at once (the original's <c>reload</c> broadcast).</summary>
    public IReadOnlyList<ObjectKey> ForceSync(string ns)
    {
        List<ObjectKey> keys = [.. kube.ConfigRepoInformer.Cache.List().Where(r => r.Metadata.NamespaceProperty == ns).Select(r => new ObjectKey(ns, r.Metadata.Name))];
        foreach (ObjectKey key in keys)
        {
            _forced[key] = true;
        }

        return keys;
    }

    /// <summary>The kinds a ConfigRepo may write, and nothing else.</summary>
    public IReadOnlyList<IRepoKind> Kinds { get; } =
    [
        new RepoKind<Kubernetes.Resources.Drivers.Driver>("Driver", "drivers", kube.DriverInformer, kube.Client),
        new RepoKind<Kubernetes.Resources.Systems.HoneydipperSystem>("System", "systems", kube.SystemInformer, kube.Client),
        new RepoKind<Kubernetes.Resources.Rules.Rule>("Rule", "rules", kube.RuleInformer, kube.Client),
        new RepoKind<Kubernetes.Resources.Workflows.Workflow>("Workflow", "workflows", kube.WorkflowInformer, kube.Client),
        new RepoKind<Kubernetes.Resources.Contexts.HoneydipperContext>("Context", "contexts", kube.ContextInformer, kube.Client),
    ];

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<ConfigRepo> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Current is not { Metadata.DeletionTimestamp: null } repo)
        {
            _attempts.TryRemove(request.Key, out _);
            return ReconcileResult.Done(); // the garbage collector removes what it owned
        }

        if (repo.Spec.Suspend)
        {
            return ReconcileResult.Done();
        }

        TimeSpan interval = Interval(repo);
        DateTimeOffset now = options.Time.GetUtcNow();
        string? syncNow = repo.Metadata.Annotations is { } annotations && annotations.TryGetValue(SyncNowAnnotation, out string? value) ? value : null;
        _attempts.TryGetValue(request.Key, out Attempt? last);
        bool due = _forced.TryRemove(request.Key, out _) || last is null || last.Generation != repo.Metadata.Generation || now - last.At >= interval
            || (syncNow is not null && syncNow != repo.Status?.LastHandledSyncNow);
        if (!due)
        {
            // Something we own changed (or was deleted by hand): put the last good commit back, without fetching.
            if (last!.Good is { } good)
            {
                await ApplyAsync(repo, good, cancellationToken).ConfigureAwait(false);
            }

            return ReconcileResult.RequeueAfter(last.At + interval - now);
        }

        Attempt attempt = new(now, repo.Metadata.Generation, last?.Good);
        _attempts[request.Key] = attempt;
        ConfigRepo status = ObjectCopy.DeepCopy(repo);
        status.Status ??= new ConfigRepoStatus();
        status.Status.Conditions ??= [];
        status.Status.LastHandledSyncNow = syncNow ?? status.Status.LastHandledSyncNow;
        status.Status.ObservedGeneration = repo.Metadata.Generation;
        long? generation = repo.Metadata.Generation;

        GitCredentials? credentials = null;
        if (repo.Spec.SecretRef is { Name.Length: > 0 } secretRef)
        {
            (IReadOnlyDictionary<string, string> Data, string Version)? secret = await kube.ReadSecretAsync(repo.Metadata.NamespaceProperty, secretRef.Name, cancellationToken).ConfigureAwait(false);
            if (secret is null)
            {
                await FailAsync(status, "SecretNotFound", $"spec.secretRef: Secret {secretRef.Name} does not exist in namespace {repo.Metadata.NamespaceProperty}; create it with username and password (or token)", stalled: true, cancellationToken).ConfigureAwait(false);
                return ReconcileResult.RequeueAfter(interval);
            }

            credentials = Credentials(secret.Value.Data);
        }

        ConfigSyncResult result;
        try
        {
            using CancellationTokenSource timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.GitTimeout);
            ConfigRepoSource source = Source(repo, credentials);
            result = await Task.Run(() => ConfigSync.Load(mirror, source, timeout.Token), timeout.Token).ConfigureAwait(false);
        }
        catch (GitSyncException ex)
        {
            await FailAsync(status, "FetchFailed", $"{ex.Message}; the objects of commit {Short(status.Status.LastSyncedCommit)} stay applied", stalled: false, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.RequeueAfter(interval);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await FailAsync(status, "FetchFailed", $"fetching {GitMirror.Redact(repo.Spec.Url)} took longer than {GoDuration.Format(options.GitTimeout)}; the objects of commit {Short(status.Status.LastSyncedCommit)} stay applied", stalled: false, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.RequeueAfter(interval);
        }

        status.Status.LastAttemptedCommit = result.Commit;
        if (result.HasErrors)
        {
            string message = $"commit {Short(result.Commit)}: {result.ErrorSummary()}; the objects of commit {Short(status.Status.LastSyncedCommit)} stay applied until a commit fixes it";
            await FailAsync(status, "InvalidConfig", message, stalled: true, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.RequeueAfter(interval);
        }

        _attempts[request.Key] = attempt with { Good = result };
        (int created, int updated, int unchanged, int pruned, List<string> conflicts) = await ApplyAsync(repo, result, cancellationToken).ConfigureAwait(false);
        string previous = status.Status.LastSyncedCommit ?? string.Empty;
        status.Status.LastSyncedCommit = result.Commit;
        status.Status.LastSyncTime = now.UtcDateTime;
        status.Status.ObjectsApplied = result.Objects.Count;
        string summary = $"commit {Short(result.Commit)}: {result.Objects.Count} objects ({created} created, {updated} updated, {unchanged} unchanged, {pruned} pruned)";
        ConditionSet.Set(status.Status.Conditions, "Stalled", ConditionStatus.False, "Synced", summary, generation, options.Time);
        if (conflicts.Count > 0)
        {
            ConditionSet.Set(status.Status.Conditions, "Ready", ConditionStatus.False, "Conflict",
                $"{summary}; not applied, owned by someone else: {string.Join(", ", conflicts)} (delete them, or rename them in the repository)", generation, options.Time);
        }
        else
        {
            ConditionSet.Set(status.Status.Conditions, "Ready", ConditionStatus.True, "Synced", summary, generation, options.Time);
        }

        await WriteStatusAsync(status, cancellationToken).ConfigureAwait(false);
        if (previous != result.Commit)
        {
            await kube.Events.RecordAsync(Reference(repo), EventRecorder.Normal, "Synced", summary, cancellationToken).ConfigureAwait(false);
            Log.Synced(_logger, repo.Metadata.NamespaceProperty, repo.Metadata.Name, summary);
        }

        mirror.Retain(repo.Spec.Url, [result.Commit]);
        return ReconcileResult.RequeueAfter(interval);
    }

    private async Task<(int Created, int Updated, int Unchanged, int Pruned, List<string> Conflicts)> ApplyAsync(ConfigRepo repo, ConfigSyncResult result, CancellationToken cancellationToken)
    {
        string ns = repo.Metadata.NamespaceProperty;
        V1OwnerReference owner = new() { ApiVersion = repo.ApiVersion, Kind = repo.Kind, Name = repo.Metadata.Name, Uid = repo.Metadata.Uid, BlockOwnerDeletion = true, Controller = true };
        int created = 0, updated = 0, unchanged = 0, pruned = 0;
        List<string> conflicts = [];
        HashSet<(string Kind, string Name)> wanted = [];
        foreach (Dictionary<string, object?> manifest in result.Objects)
        {
            string kind = RepoObjects.KindOf(manifest);
            IRepoKind target = Kinds.Single(k => k.Kind == kind); // ConfigSync refused every other kind
            Dictionary<string, object?> desired = RepoObjects.Prepare(manifest, ns, repo.Metadata.Name, owner);
            wanted.Add((kind, RepoObjects.NameOf(desired)));
            switch (await target.ApplyAsync(ns, desired, owner, cancellationToken).ConfigureAwait(false))
            {
                case ApplyOutcome.Created: created++; break;
                case ApplyOutcome.Updated: updated++; break;
                case ApplyOutcome.Unchanged: unchanged++; break;
                default: conflicts.Add($"{kind} {RepoObjects.NameOf(desired)}"); break;
            }
        }

        if (repo.Spec.Prune)
        {
            foreach (IRepoKind kind in Kinds)
            {
                foreach (string name in kind.Owned(ns, repo.Metadata.Uid).Where(n => !wanted.Contains((kind.Kind, n))).ToList())
                {
                    await kind.DeleteAsync(ns, name, cancellationToken).ConfigureAwait(false);
                    pruned++;
                }
            }
        }

        return (created, updated, unchanged, pruned, conflicts);
    }

    private ConfigRepoSource Source(ConfigRepo repo, GitCredentials? credentials)
    {
        ConfigRepoSpec spec = repo.Spec;
        return new ConfigRepoSource(new GitSource(spec.Url)
        {
            Branch = string.IsNullOrEmpty(spec.Branch) ? "main" : spec.Branch,
            Tag = spec.Tag,
            Commit = spec.Commit,
        })
        {
            Path = string.IsNullOrEmpty(spec.Path) ? "/" : spec.Path,
            InitFile = string.IsNullOrEmpty(spec.InitFile) ? "init.yaml" : spec.InitFile,
            Credentials = credentials,
            Namespace = repo.Metadata.NamespaceProperty,
            RunnableDrivers = options.RunnableDriverTypes,
            Environment = options.LoaderEnvironment,
        };
    }

    private static GitCredentials Credentials(IReadOnlyDictionary<string, string> data) => new()
    {
        Username = data.GetValueOrDefault("username") ?? (data.ContainsKey("token") ? "x-access-token" : null),
        Password = data.GetValueOrDefault("password") ?? data.GetValueOrDefault("token"),
    };

    private async Task FailAsync(ConfigRepo status, string reason, string message, bool stalled, CancellationToken cancellationToken)
    {
        long? generation = status.Metadata.Generation;
        bool changed = ConditionSet.Set(status.Status!.Conditions!, "Ready", ConditionStatus.False, reason, message, generation, options.Time);
        ConditionSet.Set(status.Status.Conditions!, "Stalled", stalled ? ConditionStatus.True : ConditionStatus.False, reason, message, generation, options.Time);
        await WriteStatusAsync(status, cancellationToken).ConfigureAwait(false);
        if (changed)
        {
            await kube.Events.RecordAsync(Reference(status), EventRecorder.Warning, reason, message, cancellationToken).ConfigureAwait(false);
            Log.Failed(_logger, status.Metadata.NamespaceProperty, status.Metadata.Name, message);
        }
    }

    private async Task WriteStatusAsync(ConfigRepo repo, CancellationToken cancellationToken)
    {
        string patch = "{\"status\":" + KubernetesJson.Serialize(repo.Status) + "}";
        await kube.ConfigRepos.PatchStatusAsync(repo.Metadata.NamespaceProperty, repo.Metadata.Name, new V1Patch(patch, V1Patch.PatchType.MergePatch), cancellationToken).ConfigureAwait(false);
    }

    private static TimeSpan Interval(ConfigRepo repo) =>
        GoDuration.TryParse(repo.Spec.Interval ?? string.Empty, out long ns) && ns > 0 ? GoDuration.ToTimeSpan(ns) : TimeSpan.FromMinutes(1);

    private static string Short(string? commit) => string.IsNullOrEmpty(commit) ? "(none yet)" : commit[..Math.Min(12, commit.Length)];

    private static V1ObjectReference Reference(ConfigRepo repo) => new()
    {
        ApiVersion = repo.ApiVersion, Kind = repo.Kind, Name = repo.Metadata.Name, NamespaceProperty = repo.Metadata.NamespaceProperty, Uid = repo.Metadata.Uid,
    };

    /// <summary>When a ConfigRepo was last fetched, for which generation, and its last good result (to re-apply without fetching).</summary>
    private sealed record Attempt(DateTimeOffset At, long? Generation, ConfigSyncResult? Good);

    private static partial class Log
    {
        [LoggerMessage(EventId = 370, Level = LogLevel.Information, Message = "configrepo {Namespace}/{Name} synced: {Summary}")]
        public static partial void Synced(ILogger logger, string @namespace, string name, string summary);

        [LoggerMessage(EventId = 371, Level = LogLevel.Warning, Message = "configrepo {Namespace}/{Name} not synced: {Message}")]
        public static partial void Failed(ILogger logger, string @namespace, string name, string message);
    }
}
