using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Honeydipper.Kubernetes.Resources.Common;

/// <summary>The envelope every Honeydipper kind shares: apiVersion, kind, metadata, spec and status.</summary>
public abstract class CustomResource<TSpec, TStatus> : IKubernetesObject<V1ObjectMeta>, ISpec<TSpec>, IStatus<TStatus?>
    where TSpec : new()
    where TStatus : class
{
    protected CustomResource(string kind)
    {
        ApiVersion = HoneydipperApi.ApiVersion;
        Kind = kind;
    }

    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; }

    [JsonPropertyName("kind")]
    public string Kind { get; set; }

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonPropertyName("spec")]
    public TSpec Spec { get; set; } = new();

    [JsonPropertyName("status")]
    public TStatus? Status { get; set; }
}
