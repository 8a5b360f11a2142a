using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Honeydipper.Kubernetes.Resources.Drivers;

/// <summary>The Service in front of a receiving driver.</summary>
[Description("The Service in front of a receiving driver.")]
public sealed record DriverService
{
    [JsonPropertyName("port")]
    [Required]
    [Range(1, 65535)]
    [Description("Port the Service listens on.")]
    public int Port { get; init; }

    [JsonPropertyName("targetPort")]
    [Range(1, 65535)]
    [Description("Port the driver listens on in the pod; the same as port when absent.")]
    public int? TargetPort { get; init; }

    [JsonPropertyName("type")]
    [AllowedValues("ClusterIP", "NodePort", "LoadBalancer")]
    [Description("Service type: ClusterIP (default), NodePort or LoadBalancer.")]
    public string? Type { get; init; }
}
