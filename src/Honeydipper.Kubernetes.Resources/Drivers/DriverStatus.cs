using System.ComponentModel;
using System.Text.Json.Serialization;
using Honeydipper.Kubernetes.Resources.Common;

namespace Honeydipper.Kubernetes.Resources.Drivers;

/// <summary>How the driver's Deployment is doing.</summary>
[Description("The observed state of the driver's workload.")]
public sealed class DriverStatus : ResourceStatus
{
    [JsonPropertyName("replicas")]
    [Description("Pods of the driver's Deployment.")]
    public int? Replicas { get; set; }

    [JsonPropertyName("readyReplicas")]
    [Description("Pods of the driver's Deployment that are ready.")]
    public int? ReadyReplicas { get; set; }
}
