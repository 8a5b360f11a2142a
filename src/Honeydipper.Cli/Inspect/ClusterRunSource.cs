using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Honeydipper.Core.Values;
using Honeydipper.Kubernetes.Resources;
using Honeydipper.Kubernetes.Resources.WorkflowRuns;
using Honeydipper.Kubernetes.Runtime.Resources;
using Honeydipper.Operator.Runs;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Honeydipper.Cli.Inspect;

/// <summary>
/// Runs as the cluster's WorkflowRun objects, through kubeconfig: lists, a real watch, get, and create (the operator
/// runs what is created). Phase and workflow are filtered here rather than by label selector: a WorkflowRun someone
/// just created, or one the operator refused, carries no labels yet, and the phase label is written before the status.
/// </summary>
internal sealed class ClusterRunSource : IRunSource
{
    private const string Resource = "workflowruns." + HoneydipperApi.Group;
    private static readonly TimeSpan WatchTimeout = TimeSpan.FromMinutes(5);
    private readonly ClusterTarget _target;
    private readonly k8s.Kubernetes _client;
    private readonly ResourceClient<WorkflowRun> _runs;

    public ClusterRunSource(ClusterTarget target)
    {
        _target = target;
        _client = target.CreateClient();
        _runs = new ResourceClient<WorkflowRun>(_client, ApiResource.For<WorkflowRun>());
    }

    /// <summary>Names like greet-x7k2p (run start) or greet-0a1b2c (the operator's).</summary>
    public int IdWidth => 20;

    private string Ns => _target.Namespace;

    public async Task<IReadOnlyList<IDictionary<string, object?>>> ListAsync(RunFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        (List<WorkflowRun> runs, _) = await ListObjectsAsync(cancellationToken).ConfigureAwait(false);
        return [.. Pick(runs, filter).Select(p => p.Data)];
    }

    /// <summary>
    /// The runs as they are (the same as <see cref="ListAsync"/>), then each change from a watch that starts at the
    /// list's resourceVersion; a watch that ends is resumed, one whose history is gone (410) lists again. A run is
    /// shown again only when its resourceVersion changed; deletions are not shown.
    /// </summary>
    public async IAsyncEnumerable<IDictionary<string, object?>> WatchAsync(RunFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Dictionary<string, string> shown = new(StringComparer.Ordinal); // name → the resourceVersion last shown
        (List<WorkflowRun> runs, string version) = await ListObjectsAsync(cancellationToken).ConfigureAwait(false);
        foreach ((WorkflowRun run, Dictionary<string, object?> data) in Pick(runs, filter))
        {
            shown[run.Metadata.Name] = run.Metadata.ResourceVersion;
            yield return data;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            bool expired = false;
            await foreach ((WatchEventType type, WorkflowRun run) in WatchObjectsAsync(version, () => expired = true, cancellationToken).ConfigureAwait(false))
            {
                version = run.Metadata?.ResourceVersion ?? version;
                if (type is WatchEventType.Added or WatchEventType.Modified && Show(shown, run, filter) is { } data)
                {
                    yield return data;
                }
            }

            if (expired)
            {
                // What happened while the history was gone: each run that changed since it was last shown, oldest first.
                (runs, version) = await ListObjectsAsync(cancellationToken).ConfigureAwait(false);
                foreach (WorkflowRun run in runs.OrderBy(WorkflowRunData.Newness))
                {
                    if (Show(shown, run, filter) is { } data)
                    {
                        yield return data;
                    }
                }
            }
        }
    }

    public async Task<IDictionary<string, object?>> GetAsync(string id, CancellationToken cancellationToken) =>
        WorkflowRunData.Full(await GetObjectAsync(id, cancellationToken).ConfigureAwait(false));

    public async Task<IDictionary<string, object?>> StartAsync(string workflow, IReadOnlyDictionary<string, object?> with, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(with);
        string stem = RunObjects.NameStem(workflow);
        WorkflowRun run = new()
        {
            Metadata = new V1ObjectMeta { GenerateName = (stem.Length > 0 ? stem : "run") + "-", NamespaceProperty = Ns },
            Spec = new WorkflowRunSpec
            {
                Workflow = workflow,
                With = with.Count > 0 ? JsonSerializer.Deserialize<JsonElement>(GoJson.Serialize(with.ToDictionary(StringComparer.Ordinal))) : null,
            },
        };
        WorkflowRun created = await Explained.CallAsync(() => _runs.CreateAsync(run, cancellationToken), Explain("create", cancellationToken)).ConfigureAwait(false);
        return WorkflowRunData.Full(created);
    }

    /// <summary>
    /// Sets spec.cancel on the WorkflowRun (and the reason as its honeydipper.io/cancel-reason annotation); the
    /// operator stops the run and records the Cancelled phase.
    /// </summary>
    public async Task<IDictionary<string, object?>> CancelAsync(string id, string? reason, CancellationToken cancellationToken)
    {
        if (reason is { Length: > WorkflowRun.CancelReasonLimit })
        {
            throw new UsageException($"--reason is {reason.Length} characters long: keep it under {WorkflowRun.CancelReasonLimit + 1} (a sentence; the details belong in a ticket)");
        }

        WorkflowRun current = await GetObjectAsync(id, cancellationToken).ConfigureAwait(false);
        if (RunFilter.IsFinished(WorkflowRunData.Phase(current)))
        {
            throw new ApiCallException($"WorkflowRun {id} in namespace {Ns} has already finished ({WorkflowRunData.Phase(current)}): only a running or waiting run can be cancelled");
        }

        // The reason goes in an annotation beside spec.cancel, in the same patch: the operator reads both together.
        string body = string.IsNullOrWhiteSpace(reason)
            ? """{"spec":{"cancel":true}}"""
            : JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["metadata"] = new Dictionary<string, object> { ["annotations"] = new Dictionary<string, string> { [WorkflowRun.CancelReasonAnnotation] = reason.Trim() } },
                ["spec"] = new Dictionary<string, object> { ["cancel"] = true },
            });
        V1Patch patch = new(body, V1Patch.PatchType.MergePatch);
        WorkflowRun patched = await Explained.CallAsync(() => _runs.PatchAsync(Ns, id, patch, cancellationToken), Explain("patch", cancellationToken)).ConfigureAwait(false);
        return WorkflowRunData.Full(patched);
    }

    /// <summary>Watches the namespace from the run's resourceVersion until its phase is a finished one.</summary>
    public async Task<IDictionary<string, object?>> WaitAsync(string id, CancellationToken cancellationToken)
    {
        while (true)
        {
            WorkflowRun current = await GetObjectAsync(id, cancellationToken).ConfigureAwait(false);
            if (RunFilter.IsFinished(WorkflowRunData.Phase(current)))
            {
                return WorkflowRunData.Full(current);
            }

            await foreach ((WatchEventType type, WorkflowRun run) in WatchObjectsAsync(current.Metadata.ResourceVersion, () => { }, cancellationToken).ConfigureAwait(false))
            {
                if (run.Metadata?.Name != id)
                {
                    continue;
                }

                if (type == WatchEventType.Deleted)
                {
                    throw new ApiCallException($"WorkflowRun {id} in namespace {Ns} was deleted before it finished");
                }

                if (RunFilter.IsFinished(WorkflowRunData.Phase(run)))
                {
                    return WorkflowRunData.Full(run);
                }
            }

            cancellationToken.ThrowIfCancellationRequested(); // the watch ended or expired: read the run again and go on
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Newest first (then by name, for a stable order), filtered, at most the limit.</summary>
    private static IEnumerable<(WorkflowRun Run, Dictionary<string, object?> Data)> Pick(IEnumerable<WorkflowRun> runs, RunFilter filter) =>
        runs.OrderByDescending(WorkflowRunData.Newness).ThenByDescending(r => r.Metadata.Name, StringComparer.Ordinal)
            .Select(r => (r, WorkflowRunData.Summary(r))).Where(p => filter.Matches(p.Item2)).Take(filter.Limit);

    /// <summary>The run's row when it is new or changed since last shown and the filter wants it; it then counts as shown.</summary>
    private static Dictionary<string, object?>? Show(Dictionary<string, string> shown, WorkflowRun run, RunFilter filter)
    {
        if (run.Metadata?.Name is not { } name || (shown.TryGetValue(name, out string? seen) && seen == run.Metadata.ResourceVersion))
        {
            return null;
        }

        Dictionary<string, object?> data = WorkflowRunData.Summary(run);
        if (!filter.Matches(data))
        {
            return null;
        }

        shown[name] = run.Metadata.ResourceVersion;
        return data;
    }

    private async Task<(List<WorkflowRun> Runs, string Version)> ListObjectsAsync(CancellationToken cancellationToken)
    {
        KubernetesList<WorkflowRun> list = await Explained.CallAsync(() => _runs.ListAsync(Ns, null, cancellationToken), Explain("list", cancellationToken)).ConfigureAwait(false);
        return ([.. list.Items ?? []], list.Metadata?.ResourceVersion ?? string.Empty);
    }

    private async Task<WorkflowRun> GetObjectAsync(string name, CancellationToken cancellationToken) =>
        await Explained.CallAsync(() => _runs.GetAsync(Ns, name, cancellationToken), Explain("get", cancellationToken)).ConfigureAwait(false)
            ?? throw new ApiCallException($"no WorkflowRun \"{name}\" in namespace {Ns} (honeydipper runs lists them; -n picks another namespace)");

    /// <summary>One watch request; bookmarks pass through (they move the resourceVersion on), 410 Gone calls <paramref name="onExpired"/>.</summary>
    private IAsyncEnumerable<(WatchEventType Type, WorkflowRun Run)> WatchObjectsAsync(string version, Action onExpired, CancellationToken cancellationToken)
    {
        void OnError(Exception e)
        {
            if (e is KubernetesException { Status.Code: 410 })
            {
                onExpired();
            }
        }

        return Explained.StreamAsync(_runs.WatchAsync(Ns, null, version, WatchTimeout, OnError, cancellationToken), Explain("watch", cancellationToken), cancellationToken);
    }

    /// <summary>What to tell the user when a call to the cluster fails: who refused what, or where nobody answered.</summary>
    private Func<Exception, ApiCallException?> Explain(string verb, CancellationToken cancellationToken) => ex => ex switch
    {
        ApiCallException known => known,
        HttpOperationException { Response: { } response } => Refused(verb, response.StatusCode, response.ReasonPhrase, response.Content),
        HttpRequestException => new ApiCallException($"no cluster at {_target.Server} (context {_target.Context}): {ex.Message}"),
        IOException => new ApiCallException($"lost the connection to the cluster at {_target.Server}: {ex.Message}"),
        OperationCanceledException when !cancellationToken.IsCancellationRequested => new ApiCallException($"the cluster at {_target.Server} did not answer in time ({verb} {Resource})"),
        k8s.Exceptions.KubeConfigException => new ApiCallException($"kubeconfig, context {_target.Context}: {ex.Message}"),
        _ => null,
    };

    private ApiCallException Refused(string verb, HttpStatusCode code, string? reason, string? content)
    {
        string message = StatusMessage(content) ?? reason ?? string.Empty;
        return (int)code switch
        {
            401 => new ApiCallException($"the cluster at {_target.Server} did not accept the credentials of context {_target.Context} (401 Unauthorized): {message}"),
            403 => new ApiCallException($"forbidden: you may not {verb} {Resource} in namespace {Ns} (403): {message}"),
            404 when verb is "list" or "watch" => new ApiCallException($"the cluster at {_target.Server} does not serve {Resource}/{HoneydipperApi.Version}: are the Honeydipper CRDs installed? (404: {message})"),
            _ => new ApiCallException($"cannot {verb} {Resource} in namespace {Ns}: {(int)code} {reason}: {message}"),
        };
    }

    /// <summary>The message of the metav1.Status the API server answers errors with (kube-apiserver's own words).</summary>
    private static string? StatusMessage(string? content)
    {
        if (string.IsNullOrEmpty(content))
        {
            return null;
        }

        try
        {
            using JsonDocument status = JsonDocument.Parse(content);
            return status.RootElement.ValueKind == JsonValueKind.Object && status.RootElement.TryGetProperty("message", out JsonElement m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        }
        catch (JsonException)
        {
            return content.Length > 200 ? content[..200] : content;
        }
    }
}
