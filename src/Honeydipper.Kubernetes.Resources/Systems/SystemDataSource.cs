using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Honeydipper.Kubernetes.Resources.Common;

namespace Honeydipper.Kubernetes.Resources.Systems;

/// <summary>A Secret merged into a system's data.</summary>
[Description("A Secret whose keys are merged into the system's data.")]
public sealed record SystemDataSource
{
    [JsonPropertyName("secretRef")]
    [Required]
    [Description("The Secret to read, in the namespace of the System.")]
    public SecretReference SecretRef { get; init; } = new();

    [JsonPropertyName("key")]
    [Description("Only this key of the Secret; every key when empty.")]
    public string? Key { get; init; }

    [JsonPropertyName("path")]
    [Description("Dotted path under data where the values go (for example \"github.auth\"); each key at the root of data under its own name when empty.")]
    public string? Path { get; init; }
}
