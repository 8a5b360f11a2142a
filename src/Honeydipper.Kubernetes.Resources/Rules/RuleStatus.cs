using System.ComponentModel;
using System.Text.Json.Serialization;
using Honeydipper.Kubernetes.Resources.Common;

namespace Honeydipper.Kubernetes.Resources.Rules;

/// <summary>Whether the rule is valid, and how often it fired.</summary>
[Description("Whether the rule is valid, and how often it fired.")]
public sealed class RuleStatus : ResourceStatus
{
    [JsonPropertyName("lastTriggered")]
    [Description("When the rule last started its workflow.")]
    public DateTime? LastTriggered { get; set; }

    [JsonPropertyName("triggerCount")]
    [Description("How many times the rule started its workflow since it was created.")]
    public long? TriggerCount { get; set; }
}
