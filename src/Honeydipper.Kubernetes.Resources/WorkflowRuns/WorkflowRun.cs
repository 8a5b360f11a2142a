using System.ComponentModel;
using Honeydipper.Kubernetes.Resources.Common;
using Honeydipper.Kubernetes.Resources.Schema;
using k8s.Models;

namespace Honeydipper.Kubernetes.Resources.WorkflowRuns;

/// <summary>One run of a workflow, started by an event or by a person.</summary>
[KubernetesEntity(Group = HoneydipperApi.Group, ApiVersion = HoneydipperApi.Version, Kind = "WorkflowRun", PluralName = "workflowruns")]
[ShortName("hdrun")]
[Description("WorkflowRun is one run of a workflow. Create one to run a Workflow now (spec.workflow, or an inline spec.do, with spec.with); the engine creates one for every run an event starts. The status is a summary written as the run progresses: phase, times, the step nodes, exported data, and the Completed condition.")]
[PrinterColumn(1, "Workflow", "string", ".spec.workflow", "The workflow run (empty for an inline one).")]
[PrinterColumn(2, "Rule", "string", ".spec.rule", "The rule whose event started the run.", Priority = 1)]
[PrinterColumn(3, "Phase", "string", ".status.phase", "Pending, Running, Waiting, Succeeded, Failed, Error, Skipped or Cancelled.")]
[PrinterColumn(4, "Started", "date", ".status.startedAt", "Time since the run started.")]
[PrinterColumn(5, "Duration", "string", ".status.duration", "How long the run took (or has taken so far).")]
[PrinterColumn(6, "Performing", "string", ".status.performing", "What the run is doing now.", Priority = 1)]
public sealed class WorkflowRun() : CustomResource<WorkflowRunSpec, WorkflowRunStatus>("WorkflowRun")
{
    /// <summary>Why the run is cancelled, set beside <c>spec.cancel</c>; it ends up in the run's reason.</summary>
    public const string CancelReasonAnnotation = "honeydipper.io/cancel-reason";

    /// <summary>The longest cancel reason kept (the rest is cut): a reason is a sentence, not a report.</summary>
    public const int CancelReasonLimit = 1024;
}
