using System.ComponentModel;
using System.Text.Json.Serialization;
using Honeydipper.Kubernetes.Resources.Common;

namespace Honeydipper.Kubernetes.Resources.Workflows;

/// <summary>Whether the workflow is valid, and its latest run.</summary>
[Description("Whether the workflow is valid, and its latest run.")]
public sealed class WorkflowStatus : ResourceStatus
{
    [JsonPropertyName("lastRun")]
    [Description("Name of the latest WorkflowRun of this workflow.")]
    public string? LastRun { get; set; }

    [JsonPropertyName("lastRunPhase")]
    [Description("Phase of that run: Pending, Running, Waiting, Succeeded, Failed or Error.")]
    public string? LastRunPhase { get; set; }
}
