using System.Net;
using System.Text.Json;
using Honeydipper.Core.Engine.Runs;
using Honeydipper.Hosting;
using Honeydipper.Kubernetes.Resources.WorkflowRuns;
using Honeydipper.Kubernetes.Resources.Workflows;
using Honeydipper.Kubernetes.Runtime.Conditions;
using Honeydipper.Kubernetes.Runtime.Informers;
using Honeydipper.Kubernetes.Runtime.Resources;
using Honeydipper.Operator.Engines;
using Honeydipper.Operator.Kube;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Operator.Runs;

/// <summary>
/// Shows a namespace's runs as WorkflowRuns: creates one per run (or fills in the one a person created), and writes
/// its status as it moves, at most once per <see cref="OperatorOptions.StatusInterval"/> and always when it ends. A
/// finished run's final state stays in Redis until its WorkflowRun has it, so a crash loses no ending.
/// </summary>
internal sealed partial class RunWriter(
    string ns,
    EngineHost engine,
    Func<NamespaceState> state,
    OperatorKube kube,
    OperatorOptions options,
    OperatorMetrics metrics,
    ILogger logger)
{
    private readonly Dictionary<string, RunRecord> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal); // run id → object name
    private readonly Dictionary<string, (string Run, string Phase)> _lastRuns = new(StringComparer.Ordinal); // workflow → what its status says
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Called by the engine after each saved turn (on its loop: only queue here).</summary>
    public void OnRunsChanged(IReadOnlyCollection<RunRecord> runs)
    {
        bool ended = false;
        lock (_pending)
        {
            foreach (RunRecord run in runs)
            {
                _pending[run.Id] = run;
                ended |= run.Phase.IsFinished();
            }
        }

        if (ended)
        {
            _wake.TrySetResult();
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // What the previous leader may not have written: every run in progress, and the endings not yet recorded.
        try
        {
            OnRunsChanged(await engine.RunsAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (ObjectDisposedException)
        {
            // The term ended before the writer began: what the engine announced is still flushed below, and the
            // endings not yet recorded stay in Redis for the next leader's writer.
        }
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                Task wake = _wake.Task;
                await Task.WhenAny(wake, Task.Delay(options.StatusInterval, options.Time, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                if (wake.IsCompleted)
                {
                    _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }

            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        // Stopping: one last pass, so that endings already known are not left to the next leader when avoidable.
        using CancellationTokenSource last = new(TimeSpan.FromSeconds(5));
        await FlushAsync(last.Token).ConfigureAwait(false);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        List<RunRecord> batch;
        lock (_pending)
        {
            batch = [.. _pending.Values];
        }

        List<string> recorded = [];
        foreach (RunRecord run in batch)
        {
            try
            {
                await WriteAsync(run, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpOperationException or HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                Log.WriteFailed(logger, ns, run.Id, ex.Message);
                continue; // kept: tried again next time
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lock (_pending)
            {
                if (_pending.TryGetValue(run.Id, out RunRecord? latest) && ReferenceEquals(latest, run))
                {
                    _pending.Remove(run.Id);
                }
            }

            if (run.Phase.IsFinished())
            {
                recorded.Add(run.Id);
                _names.Remove(run.Id);
                metrics.RunFinished(ns, RunObjects.Phase(run.Phase));
            }
        }

        if (recorded.Count > 0)
        {
            await engine.ForgetFinishedRunsAsync(recorded, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(RunRecord run, CancellationToken cancellationToken)
    {
        NamespaceState current = state();
        string workflow = WorkflowOf(run, current);
        WorkflowRun? existing = Find(run);
        if (existing is null)
        {
            existing = await CreateAsync(run, workflow, cancellationToken).ConfigureAwait(false);
            metrics.RunStarted(ns);
        }

        string name = existing.Metadata.Name;
        _names[run.Id] = name;
        WorkflowRunStatus status = RunObjects.Status(run, Revision(run, workflow, current), options.Time.GetUtcNow());
        status.Conditions = existing.Status?.Conditions is { } previous ? [.. previous] : [];
        bool finished = run.Phase.IsFinished();
        ConditionSet.Set(status.Conditions, "Completed", finished ? ConditionStatus.True : ConditionStatus.False,
            finished ? status.Phase! : "Running", finished ? (run.Reason.Length > 0 ? status.Reason! : $"the run ended: {status.Phase}") : status.Performing ?? "running",
            existing.Metadata.Generation, options.Time);
        status.ObservedGeneration = existing.Metadata.Generation;
        // Labels first: whoever reads the final status then also finds the run under its final phase label.
        Dictionary<string, string> labels = Labels(run, workflow);
        if (existing.Metadata.Labels is null || labels.Any(l => !existing.Metadata.Labels.TryGetValue(l.Key, out string? v) || v != l.Value))
        {
            string labelPatch = "{\"metadata\":{\"labels\":" + JsonSerializer.Serialize(labels) + "}}";
            await kube.WorkflowRuns.PatchAsync(ns, name, new V1Patch(labelPatch, V1Patch.PatchType.MergePatch), cancellationToken).ConfigureAwait(false);
        }

        string patch = "{\"status\":" + KubernetesJson.Serialize(status) + "}";
        await kube.WorkflowRuns.PatchStatusAsync(ns, name, new V1Patch(patch, V1Patch.PatchType.MergePatch), cancellationToken).ConfigureAwait(false);
        await WriteLastRunAsync(workflow, name, status.Phase!, cancellationToken).ConfigureAwait(false);
        if (finished && run.Phase is RunPhase.Failed or RunPhase.Error or RunPhase.Cancelled)
        {
            string type = run.Phase == RunPhase.Cancelled ? EventRecorder.Normal : EventRecorder.Warning;
            await kube.Events.RecordAsync(Reference(existing), type, "Run" + status.Phase, status.Reason ?? status.Phase!, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The run's object: the one a person created (its uid is the run's event id), or the one written before.</summary>
    private WorkflowRun? Find(RunRecord run)
    {
        ObjectCache<WorkflowRun> cache = kube.WorkflowRunInformer.Cache;
        if (run.EventId.Length > 0 && cache.ByIndex(OperatorKube.UidIndex, run.EventId) is [var requested, ..])
        {
            return requested;
        }

        if (_names.TryGetValue(run.Id, out string? known) && cache.Get(new ObjectKey(ns, known)) is { } cached)
        {
            return cached;
        }

        return cache.ByIndex(OperatorKube.RunIdIndex, $"{ns}/{run.Id}") is [var written, ..] ? written : null;
    }

    private async Task<WorkflowRun> CreateAsync(RunRecord run, string workflow, CancellationToken cancellationToken)
    {
        string name = _names.TryGetValue(run.Id, out string? known) ? known : RunObjects.Name(ns, workflow.Length > 0 ? workflow : run.Name, run);
        WorkflowRun obj = new()
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = Labels(run, workflow) },
            Spec = new WorkflowRunSpec
            {
                Workflow = workflow.Length > 0 ? workflow : null,
                Rule = run.Rule.Length > 0 ? run.Rule : null,
                EventId = run.EventId.Length > 0 ? run.EventId : null,
                Event = run.EventName.Length > 0 ? JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["name"] = run.EventName }) : null,
            },
        };
        try
        {
            return await kube.WorkflowRuns.CreateAsync(obj, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Written before (by this writer before a restart, or by the previous leader): the same name, the same run.
            WorkflowRun? existing = await kube.WorkflowRuns.GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                throw;
            }

            return existing;
        }
    }

    private async Task WriteLastRunAsync(string workflow, string runName, string phase, CancellationToken cancellationToken)
    {
        if (workflow.Length == 0 || (_lastRuns.TryGetValue(workflow, out (string Run, string Phase) last) && last == (runName, phase)))
        {
            return;
        }

        Workflow? target = kube.WorkflowInformer.Cache.List().FirstOrDefault(w => w.Metadata.NamespaceProperty == ns && (w.Spec.Name ?? w.Metadata.Name) == workflow);
        if (target is null)
        {
            return;
        }

        string patch = "{\"status\":" + JsonSerializer.Serialize(new { lastRun = runName, lastRunPhase = phase }) + "}";
        try
        {
            await kube.Workflows.PatchStatusAsync(ns, target.Metadata.Name, new V1Patch(patch, V1Patch.PatchType.MergePatch), cancellationToken).ConfigureAwait(false);
            _lastRuns[workflow] = (runName, phase);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // Deleted meanwhile.
        }
    }

    private static Dictionary<string, string> Labels(RunRecord run, string workflow)
    {
        Dictionary<string, string> labels = new(StringComparer.Ordinal)
        {
            [RunObjects.RunIdLabel] = RunObjects.LabelValue(run.Id),
            [RunObjects.PhaseLabel] = RunObjects.Phase(run.Phase),
        };
        if (workflow.Length > 0 && RunObjects.LabelValue(workflow) is { Length: > 0 } w)
        {
            labels[RunObjects.WorkflowLabel] = w;
        }

        if (RuleName(run) is { Length: > 0 } rule && RunObjects.LabelValue(rule) is { Length: > 0 } r)
        {
            labels[RunObjects.RuleLabel] = r;
        }

        return labels;
    }

    /// <summary>The named workflow the run is about: its own name, or the one its rule calls.</summary>
    private static string WorkflowOf(RunRecord run, NamespaceState state)
    {
        if (state.Config.Workflows.ContainsKey(run.Name))
        {
            return run.Name;
        }

        string rule = RuleName(run);
        return state.Config.Rules.FirstOrDefault(r => r.Name.Length > 0 && r.Name == rule)?.Do.CallWorkflow ?? string.Empty;
    }

    /// <summary>The rule's name from the engine's subject ("rule greet").</summary>
    private static string RuleName(RunRecord run) => run.Rule.StartsWith("rule ", StringComparison.Ordinal) && !run.Rule.StartsWith("rule #", StringComparison.Ordinal) ? run.Rule[5..] : string.Empty;

    private static string Revision(RunRecord run, string workflow, NamespaceState state)
    {
        if (state.Commit is { Length: > 0 } commit)
        {
            return "git:" + commit;
        }

        List<string> used = [];
        if (RuleName(run) is { Length: > 0 } rule && state.Generation("Rule", rule) is long rg)
        {
            used.Add($"Rule/{rule}@{rg}");
        }

        if (workflow.Length > 0 && state.Generation("Workflow", workflow) is long wg)
        {
            used.Add($"Workflow/{workflow}@{wg}");
        }

        used.Add("config@" + state.Digest);
        return string.Join(", ", used);
    }

    private static V1ObjectReference Reference(WorkflowRun run) => new()
    {
        ApiVersion = run.ApiVersion,
        Kind = run.Kind,
        Name = run.Metadata.Name,
        NamespaceProperty = run.Metadata.NamespaceProperty,
        Uid = run.Metadata.Uid,
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "namespace {Namespace}: could not write run {RunId} yet, trying again: {Error}")]
        public static partial void WriteFailed(ILogger logger, string @namespace, string runId, string error);
    }
}
