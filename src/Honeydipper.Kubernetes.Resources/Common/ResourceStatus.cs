using System.ComponentModel;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Honeydipper.Kubernetes.Resources.Common;

/// <summary>What every kind's status has: the generation the controller last acted on, and standard conditions.</summary>
public abstract class ResourceStatus
{
    [JsonPropertyName("observedGeneration")]
    [Description("The metadata.generation the operator last reconciled; older than metadata.generation means the status is not yet up to date.")]
    public long? ObservedGeneration { get; set; }

    [JsonPropertyName("conditions")]
    [Description("Standard conditions (metav1.Condition): type, status, reason, message, lastTransitionTime, observedGeneration. `kubectl wait --for=condition=Ready` reads them.")]
    public IList<V1Condition>? Conditions { get; set; }
}
