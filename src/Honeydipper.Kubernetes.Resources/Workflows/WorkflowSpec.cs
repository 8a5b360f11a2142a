using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using Honeydipper.Kubernetes.Resources.Schema;

namespace Honeydipper.Kubernetes.Resources.Workflows;

/// <summary>
/// A Honeydipper workflow: the common keys are declared (and so validated and explained); any other workflow key
/// is kept too, in <see cref="Other"/>, because the engine, not the schema, knows them all.
/// </summary>
[Description("The workflow: every Honeydipper workflow key, directly here. Keys not listed below are kept and validated by the operator.")]
[PreserveUnknownFields]
public sealed record WorkflowSpec
{
    [JsonPropertyName("name")]
    [Description("The Honeydipper name of the workflow (what call_workflow names), when it differs from metadata.name. Defaults to metadata.name.")]
    public string? Name { get; init; }

    [JsonPropertyName("runHistory")]
    [Range(0, int.MaxValue)]
    [Description("How many finished WorkflowRuns of this workflow to keep; the operator deletes older ones. The operator's default when absent.")]
    public int? RunHistory { get; init; }

    [JsonPropertyName("description")]
    [Description("What the workflow does; shown as the run's performing text.")]
    public string? Description { get; init; }

    [JsonPropertyName("meta")]
    [Description("Documentation only, free-form.")]
    public JsonElement? Meta { get; init; }

    [JsonPropertyName("context")]
    [Description("A named context (a Context object) to apply to the workflow's variables.")]
    public string? Context { get; init; }

    [JsonPropertyName("contexts")]
    [Description("More named contexts, applied in order (a list, or a string that interpolates to one).")]
    public JsonElement? Contexts { get; init; }

    [JsonPropertyName("with")]
    [Description("Local variables (a map, or a list of maps applied as layers); for call_driver, the driver's parameters.")]
    public JsonElement? With { get; init; }

    [JsonPropertyName("call_workflow")]
    [Description("Run the named workflow as a child.")]
    public string? CallWorkflow { get; init; }

    [JsonPropertyName("call_function")]
    [Description("Call a system function, as system.function.")]
    public string? CallFunction { get; init; }

    [JsonPropertyName("call_driver")]
    [Description("Call a raw driver action, as driver.rawAction; with holds its parameters.")]
    public string? CallDriver { get; init; }

    [JsonPropertyName("function")]
    [Description("An inline function: driver, rawAction, parameters, or target {system, function}.")]
    public JsonElement? Function { get; init; }

    [JsonPropertyName("steps")]
    [Description("Child workflows run one after another.")]
    public JsonElement? Steps { get; init; }

    [JsonPropertyName("threads")]
    [Description("Child workflows run in parallel.")]
    public JsonElement? Threads { get; init; }

    [JsonPropertyName("switch")]
    [Description("A value (usually interpolated) that selects a branch among cases.")]
    public string? Switch { get; init; }

    [JsonPropertyName("cases")]
    [Description("Branches by exact value of switch: value -> workflow.")]
    public JsonElement? Cases { get; init; }

    [JsonPropertyName("default")]
    [Description("The workflow to run when no case matches.")]
    public JsonElement? Default { get; init; }

    [JsonPropertyName("wait")]
    [Description("Suspend for a Go duration (\"30s\", \"5m\") or until resumed (\"infinite\").")]
    public string? Wait { get; init; }

    [JsonPropertyName("iterate")]
    [Description("Run the workflow once per item, one after another (a list, or a string that interpolates to one).")]
    public JsonElement? Iterate { get; init; }

    [JsonPropertyName("iterate_parallel")]
    [Description("Run the workflow once per item, in parallel.")]
    public JsonElement? IterateParallel { get; init; }

    [JsonPropertyName("iterate_as")]
    [Description("A name for the current item, besides current.")]
    public string? IterateAs { get; init; }

    [JsonPropertyName("if_match")]
    [Description("Run only when the context matches these criteria (a map or a list of maps).")]
    public JsonElement? IfMatch { get; init; }

    [JsonPropertyName("unless_match")]
    [Description("Skip when the context matches these criteria.")]
    public JsonElement? UnlessMatch { get; init; }

    [JsonPropertyName("if")]
    [Description("Run only when all of these interpolated values are truthy.")]
    public JsonElement? If { get; init; }

    [JsonPropertyName("unless")]
    [Description("Skip when all of these interpolated values are truthy.")]
    public JsonElement? Unless { get; init; }

    [JsonPropertyName("else")]
    [Description("The workflow to run when the condition is false.")]
    public JsonElement? Else { get; init; }

    [JsonPropertyName("export")]
    [Description("Values exported to the parent workflow's context when this one completes.")]
    public JsonElement? Export { get; init; }

    [JsonPropertyName("no_export")]
    [Description("Context keys not to propagate to the parent (\"*\" for all).")]
    public IList<string>? NoExport { get; init; }

    [JsonPropertyName("on_error")]
    [AllowedValues("continue", "exit")]
    [Description("What an error in a step does: exit (default) or continue.")]
    public string? OnError { get; init; }

    [JsonPropertyName("on_failure")]
    [AllowedValues("continue", "exit")]
    [Description("What a failure in a step does: continue (default) or exit.")]
    public string? OnFailure { get; init; }

    /// <summary>Every other Honeydipper workflow key (while, until, detach, export_on_success, ...), as written.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Other { get; init; }
}
