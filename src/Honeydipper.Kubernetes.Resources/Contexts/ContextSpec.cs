using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Honeydipper.Kubernetes.Resources.Contexts;

/// <summary>Context variables by workflow.</summary>
[Description("The context's variables by workflow.")]
public sealed record ContextSpec
{
    [JsonPropertyName("name")]
    [Description("The Honeydipper context name (for example _default), when it differs from metadata.name. Defaults to metadata.name.")]
    public string? Name { get; init; }

    [JsonPropertyName("workflows")]
    [Description("Variables by workflow, free-form: a workflow name, \"*\" (every workflow) or \"_events\" (event handling) -> the variables to set.")]
    public JsonElement? Workflows { get; init; }
}
