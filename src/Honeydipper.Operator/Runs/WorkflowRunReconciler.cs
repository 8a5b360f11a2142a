using System.Text.Json;
using Honeydipper.Core.Config;
using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Config.Manifests;
using Honeydipper.Core.Engine;
using Honeydipper.Kubernetes.Resources.WorkflowRuns;
using Honeydipper.Kubernetes.Runtime.Conditions;
using Honeydipper.Kubernetes.Runtime.Controllers;
using Honeydipper.Kubernetes.Runtime.Resources;
using Honeydipper.Operator.Engines;
using Honeydipper.Operator.Kube;
using k8s;
using k8s.Models;

namespace Honeydipper.Operator.Runs;

/// <summary>
/// A WorkflowRun a person created (spec.workflow or spec.do, with spec.with) starts that run, exactly once: the
/// object's uid is the start request's id, recorded with the run in the engine's saved turn, so a retry after a crash
/// finds the run instead of starting another. The run writer then keeps the object's status.
/// </summary>
internal sealed class WorkflowRunReconciler(OperatorKube kube, EngineRegistry engines, OperatorOptions options) : IReconciler<WorkflowRun>
{
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<WorkflowRun> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        WorkflowRun? run = request.Current;
        if (run is null || run.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done();
        }

        if (run.Spec.Cancel == true)
        {
            return await CancelAsync(run, cancellationToken).ConfigureAwait(false);
        }

        if (run.Status?.Phase is not null || run.Metadata.Labels?.ContainsKey(RunObjects.RunIdLabel) == true || run.Spec.Rule is not null)
        {
            return ReconcileResult.Done(); // started already, or one the engine made for an event
        }

        string ns = run.Metadata.NamespaceProperty;
        if (engines.Get(ns) is not { } engine)
        {
            return ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(1)); // the namespace's engine is starting
        }

        string requestId = run.Metadata.Uid;
        string? runId = await engine.Host.StartedRunAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (runId is null)
        {
            WorkflowDefinition? inline = null;
            IDictionary<string, object?>? ctx;
            try
            {
                (inline, ctx) = Read(run);
            }
            catch (ConfigException ex)
            {
                return await FailAsync(run, WorkflowRunPhases.Error, "InvalidSpec", $"{ex.FieldPath}: {ex.Reason}", cancellationToken).ConfigureAwait(false);
            }

            if (string.IsNullOrEmpty(run.Spec.Workflow) && inline is null)
            {
                return await FailAsync(run, WorkflowRunPhases.Error, "InvalidSpec", "spec: set spec.workflow (a Workflow's name) or spec.do (an inline workflow)", cancellationToken).ConfigureAwait(false);
            }

            try
            {
                runId = await engine.Host.StartWorkflowAsync(requestId, run.Spec.Workflow ?? string.Empty, inline, ctx,
                    new Dictionary<string, string>(StringComparer.Ordinal) { ["eventID"] = requestId }).ConfigureAwait(false);
            }
            catch (WorkflowException ex)
            {
                string reason = ex.Message.Contains("not defined", StringComparison.Ordinal)
                    ? $"spec.workflow: workflow \"{run.Spec.Workflow}\" is not defined in namespace {ns} (or is not Ready: kubectl get workflows)"
                    : ex.Message;
                return await FailAsync(run, WorkflowRunPhases.Error, "StartFailed", reason, cancellationToken).ConfigureAwait(false);
            }
        }

        if (runId.Length == 0)
        {
            return await FailAsync(run, WorkflowRunPhases.Skipped, "ConditionNotMet", "the workflow's condition was false: nothing ran", cancellationToken).ConfigureAwait(false);
        }

        string patch = "{\"metadata\":{\"labels\":" + JsonSerializer.Serialize(new Dictionary<string, string> { [RunObjects.RunIdLabel] = RunObjects.LabelValue(runId) }) + "}}";
        await kube.WorkflowRuns.PatchAsync(ns, run.Metadata.Name, new V1Patch(patch, V1Patch.PatchType.MergePatch), cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done();
    }

    /// <summary>
    /// spec.cancel: a run not started yet never starts; a running or waiting one is cancelled in the engine, whose
    /// run writer then records the Cancelled phase. A finished run is left as it ended.
    /// </summary>
    private async Task<ReconcileResult> CancelAsync(WorkflowRun run, CancellationToken cancellationToken)
    {
        string? phase = run.Status?.Phase;
        if (phase is WorkflowRunPhases.Succeeded or WorkflowRunPhases.Failed or WorkflowRunPhases.Error or WorkflowRunPhases.Skipped or WorkflowRunPhases.Cancelled)
        {
            return ReconcileResult.Done();
        }

        string ns = run.Metadata.NamespaceProperty;
        if (engines.Get(ns) is not { } engine)
        {
            return ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(1)); // the namespace's engine is starting
        }

        // The run's id: in the status once written, else recorded with the start request (a person's WorkflowRun).
        string? runId = run.Status?.RunId;
        if (string.IsNullOrEmpty(runId) && run.Spec.Rule is null)
        {
            runId = await engine.Host.StartedRunAsync(run.Metadata.Uid, cancellationToken).ConfigureAwait(false);
            if (runId is null)
            {
                return await FailAsync(run, WorkflowRunPhases.Cancelled, "Cancelled", "spec.cancel was set before the run started: nothing ran", cancellationToken).ConfigureAwait(false);
            }
        }

        if (string.IsNullOrEmpty(runId))
        {
            return ReconcileResult.Done(); // skipped at start: nothing to cancel
        }

        // False when the run is not going in the engine: it finished meanwhile, and its final status is on its way.
        string reason = $"cancelled by spec.cancel on WorkflowRun {run.Metadata.Name}";
        if (run.Metadata.Annotations?.TryGetValue(WorkflowRun.CancelReasonAnnotation, out string? why) == true && !string.IsNullOrWhiteSpace(why))
        {
            why = why.Trim();
            reason += ": " + (why.Length <= WorkflowRun.CancelReasonLimit ? why : why[..WorkflowRun.CancelReasonLimit] + "…");
        }

        await engine.Host.CancelRunAsync(runId, reason).ConfigureAwait(false);
        return ReconcileResult.Done();
    }

    private static (WorkflowDefinition? Inline, IDictionary<string, object?>? Ctx) Read(WorkflowRun run)
    {
        WorkflowDefinition? inline = null;
        if (run.Spec.Do is { } inlineSpec)
        {
            if (Tree(inlineSpec) is not IDictionary<string, object?> spec)
            {
                throw new ConfigException(null, "spec.do", "must be a workflow (a map of workflow keys)");
            }

            inline = ManifestMapper.ToDataSet("Workflow", "inline", spec, []).Workflows.Values.Single();
        }

        object? with = run.Spec.With is { } w ? Tree(w) : null;
        if (with is not null and not IDictionary<string, object?>)
        {
            throw new ConfigException(null, "spec.with", "must be a map of variables");
        }

        return (inline, with as IDictionary<string, object?>);
    }

    private static object? Tree(JsonElement element) => Core.Values.GoJson.Deserialize(element.GetRawText());

    private async Task<ReconcileResult> FailAsync(WorkflowRun cached, string phase, string reason, string message, CancellationToken cancellationToken)
    {
        WorkflowRun run = ObjectCopy.DeepCopy(cached);
        DateTime now = options.Time.GetUtcNow().UtcDateTime;
        run.Status ??= new WorkflowRunStatus();
        run.Status.Conditions ??= [];
        run.Status.Phase = phase;
        run.Status.Reason = message;
        run.Status.StartedAt ??= now;
        run.Status.FinishedAt = now;
        run.Status.Duration = "0ms";
        run.Status.ObservedGeneration = run.Metadata.Generation;
        ConditionSet.Set(run.Status.Conditions, "Completed", ConditionStatus.True, reason, message, run.Metadata.Generation, options.Time);
        await kube.WorkflowRuns.ReplaceStatusAsync(run, cancellationToken).ConfigureAwait(false);
        if (phase == WorkflowRunPhases.Error)
        {
            await kube.Events.RecordAsync(new V1ObjectReference { ApiVersion = run.ApiVersion, Kind = run.Kind, Name = run.Metadata.Name, NamespaceProperty = run.Metadata.NamespaceProperty, Uid = run.Metadata.Uid },
                EventRecorder.Warning, reason, message, cancellationToken).ConfigureAwait(false);
        }

        return ReconcileResult.Done();
    }
}
