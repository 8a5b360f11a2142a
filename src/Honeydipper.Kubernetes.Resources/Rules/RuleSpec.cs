using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Honeydipper.Kubernetes.Resources.Rules;

/// <summary>A Honeydipper rule: when and do.</summary>
[Description("The rule: which event (when) runs which workflow (do).")]
public sealed record RuleSpec
{
    [JsonPropertyName("name")]
    [Description("A Honeydipper name for the rule, when it differs from metadata.name. Defaults to metadata.name.")]
    public string? Name { get; init; }

    [JsonPropertyName("description")]
    [Description("What the rule is for, for people.")]
    public string? Description { get; init; }

    [JsonPropertyName("when")]
    [Required]
    [Description("The trigger, free-form Honeydipper: {source: {system, trigger}, if_match} for a system trigger, or {driver, rawevent, if_match} for a raw driver event.")]
    public JsonElement? When { get; init; }

    [JsonPropertyName("do")]
    [Description("The workflow to run, inline and free-form: any Honeydipper workflow keys (call_workflow, call_function, steps, with, ...).")]
    public JsonElement? Do { get; init; }

    [JsonPropertyName("suspend")]
    [DefaultValue(false)]
    [Description("Stop matching events without deleting the rule.")]
    public bool Suspend { get; init; }
}
