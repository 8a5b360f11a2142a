using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Honeydipper.Kubernetes.Resources.WorkflowRuns;

/// <summary>What to run: a named workflow or an inline one, with variables; for event runs, the rule and the event.</summary>
[Description("What to run: a named workflow or an inline one, with variables; for runs an event started, the rule and the event.")]
public sealed record WorkflowRunSpec
{
    [JsonPropertyName("workflow")]
    [Description("The Honeydipper name of the workflow to run.")]
    public string? Workflow { get; init; }

    [JsonPropertyName("do")]
    [Description("An inline workflow to run instead of a named one, free-form Honeydipper workflow keys.")]
    public JsonElement? Do { get; init; }

    [JsonPropertyName("with")]
    [Description("Variables for the run, free-form.")]
    public JsonElement? With { get; init; }

    [JsonPropertyName("cancel")]
    [Description("Set to true to cancel the run while it is pending, running or waiting: its steps stop without their hooks and its phase becomes Cancelled. Has no effect on a finished run. The annotation honeydipper.io/cancel-reason, set with it, says why; it is added to the run's reason.")]
    public bool? Cancel { get; init; }

    [JsonPropertyName("rule")]
    [Description("The rule whose event started the run (set by the engine).")]
    public string? Rule { get; init; }

    [JsonPropertyName("eventID")]
    [Description("The id of the event that started the run (set by the engine).")]
    public string? EventId { get; init; }

    [JsonPropertyName("event")]
    [Description("The event that started the run, free-form (set by the engine; large payloads are trimmed).")]
    public JsonElement? Event { get; init; }
}
