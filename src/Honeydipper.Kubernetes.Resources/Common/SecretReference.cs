using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Honeydipper.Kubernetes.Resources.Common;

/// <summary>A Secret in the same namespace, by name.</summary>
[Description("A Secret in the same namespace, by name.")]
public sealed record SecretReference
{
    [JsonPropertyName("name")]
    [Required]
    [Description("Name of the Secret, in the namespace of this object.")]
    public string Name { get; init; } = "";
}
