using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Honeydipper.Kubernetes.Resources.WorkflowRuns;

/// <summary>One step of a run.</summary>
[Description("One step of the run.")]
public sealed record WorkflowRunNode
{
    [JsonPropertyName("id")]
    [Required]
    [Description("Deterministic id of the step within the run.")]
    public string Id { get; init; } = "";

    [JsonPropertyName("name")]
    [Description("The step's workflow name or description.")]
    public string? Name { get; init; }

    [JsonPropertyName("type")]
    [Description("What the node is: workflow, step, thread, item, branch, hook, or call (a driver call).")]
    public string? Type { get; init; }

    [JsonPropertyName("phase")]
    [AllowedValues(WorkflowRunPhases.Pending, WorkflowRunPhases.Running, WorkflowRunPhases.Waiting, WorkflowRunPhases.Succeeded, WorkflowRunPhases.Failed, WorkflowRunPhases.Error, WorkflowRunPhases.Skipped, WorkflowRunPhases.Cancelled)]
    [Description("Pending, Running, Waiting, Succeeded, Failed, Error, Skipped (its condition was false) or Cancelled.")]
    public string? Phase { get; init; }

    [JsonPropertyName("startedAt")]
    [Description("When the step started.")]
    public DateTime? StartedAt { get; init; }

    [JsonPropertyName("finishedAt")]
    [Description("When the step finished.")]
    public DateTime? FinishedAt { get; init; }

    [JsonPropertyName("message")]
    [Description("The step's reason or result, for people.")]
    public string? Message { get; init; }

    [JsonPropertyName("parent")]
    [Description("Id of the enclosing step; empty for the top of the run.")]
    public string? Parent { get; init; }
}
