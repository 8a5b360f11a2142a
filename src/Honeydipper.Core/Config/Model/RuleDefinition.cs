using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Config.Model;

/// <summary>A rule: when an event matches <see cref="When"/>, run the inline workflow <see cref="Do"/>.</summary>
public sealed record RuleDefinition
{
    public TriggerDefinition When { get; init; } = TriggerDefinition.Empty;

    public WorkflowDefinition Do { get; init; } = WorkflowDefinition.Empty;

    /// <summary>A name for messages and the operator (Honeydipper rules are anonymous; a Rule resource has one).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>A suspended rule is kept but never starts a session (a Rule resource's <c>spec.suspend</c>).</summary>
    public bool Suspend { get; init; }

    public SourceLocation? Location { get; init; }
}
