using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Honeydipper.Kubernetes.Resources.Common;

namespace Honeydipper.Kubernetes.Resources.WorkflowRuns;

/// <summary>A summary of the run; the full record stays with the engine.</summary>
[Description("A summary of the run, written as it progresses; the full record stays with the engine.")]
public sealed class WorkflowRunStatus : ResourceStatus
{
    [JsonPropertyName("phase")]
    [AllowedValues(WorkflowRunPhases.Pending, WorkflowRunPhases.Running, WorkflowRunPhases.Waiting, WorkflowRunPhases.Succeeded, WorkflowRunPhases.Failed, WorkflowRunPhases.Error, WorkflowRunPhases.Skipped, WorkflowRunPhases.Cancelled)]
    [Description("Pending (not started yet), Running, Waiting (on a wait step), Succeeded, Failed (a step failed), Error (the run could not go on) Skipped (the workflow's condition was false, nothing ran) or Cancelled (spec.cancel or the API stopped it).")]
    public string? Phase { get; set; }

    [JsonPropertyName("runID")]
    [Description("The engine's id of the run (its full record, with every step, stays with the engine).")]
    public string? RunId { get; set; }

    [JsonPropertyName("configRevision")]
    [Description("The configuration the run ran with: the Git commit of its ConfigRepo, or the generations of the objects it used and a digest of the namespace's configuration.")]
    public string? ConfigRevision { get; set; }

    [JsonPropertyName("startedAt")]
    [Description("When the run started.")]
    public DateTime? StartedAt { get; set; }

    [JsonPropertyName("finishedAt")]
    [Description("When the run finished.")]
    public DateTime? FinishedAt { get; set; }

    [JsonPropertyName("duration")]
    [Description("How long the run took, or has taken so far, for people (\"1m20s\").")]
    public string? Duration { get; set; }

    [JsonPropertyName("reason")]
    [Description("Why the run failed or errored.")]
    public string? Reason { get; set; }

    [JsonPropertyName("performing")]
    [Description("What the run is doing now (the description of the running step).")]
    public string? Performing { get; set; }

    [JsonPropertyName("nodes")]
    [Description("The steps of the run as a flat list, parents before children; at most 100 (the first steps and the latest ones when a run has more, see nodesOmitted).")]
    public IList<WorkflowRunNode>? Nodes { get; set; }

    [JsonPropertyName("nodesOmitted")]
    [Description("How many steps are left out of nodes to keep the status small.")]
    public int? NodesOmitted { get; set; }

    [JsonPropertyName("exported")]
    [Description("Data the run exported, free-form.")]
    public JsonElement? Exported { get; set; }
}
