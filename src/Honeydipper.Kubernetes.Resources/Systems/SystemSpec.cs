using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Honeydipper.Kubernetes.Resources.Systems;

/// <summary>The Honeydipper system schema (data, triggers, functions, extends), plus Secrets merged into data.</summary>
[Description("The system, in Honeydipper's system schema, plus Secrets merged into its data.")]
public sealed record SystemSpec
{
    [JsonPropertyName("name")]
    [Description("The Honeydipper name of the system, when it differs from metadata.name (Kubernetes names cannot hold '_' or '/'). Defaults to metadata.name.")]
    public string? Name { get; init; }

    [JsonPropertyName("description")]
    [Description("What the system is, for people.")]
    public string? Description { get; init; }

    [JsonPropertyName("extends")]
    [Description("Systems this one inherits from, in order: \"base\" merges the base under this system; \"key=base\" adds the base as a subsystem under key.")]
    public IList<string>? Extends { get; init; }

    [JsonPropertyName("data")]
    [Description("System data, free-form; available to triggers and functions as sysData.")]
    public JsonElement? Data { get; init; }

    [JsonPropertyName("dataFrom")]
    [Description("Secrets whose keys are merged into data, so that tokens never sit in the System object itself.")]
    public IList<SystemDataSource>? DataFrom { get; init; }

    [JsonPropertyName("triggers")]
    [Description("Triggers by name, free-form Honeydipper triggers: driver, rawevent, if_match, parameters, source, export, description.")]
    public JsonElement? Triggers { get; init; }

    [JsonPropertyName("functions")]
    [Description("Functions by name, free-form Honeydipper functions: driver, rawAction, parameters, target, export, description.")]
    public JsonElement? Functions { get; init; }

    [JsonPropertyName("meta")]
    [Description("Documentation only, free-form.")]
    public JsonElement? Meta { get; init; }
}
