using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Config.Model;

/// <summary>
/// A function of a system: either a raw driver action (<see cref="Driver"/> and <see cref="RawAction"/>) or a call
/// through another system's function (<see cref="Target"/>). Also the inline <c>function:</c> of a workflow.
/// </summary>
public sealed record FunctionDefinition
{
    public static readonly FunctionDefinition Empty = new();

    /// <summary>The driver that performs the action; <c>feature:&lt;name&gt;</c> targets a daemon feature.</summary>
    public string Driver { get; init; } = string.Empty;

    public string RawAction { get; init; } = string.Empty;

    public IDictionary<string, object?>? Parameters { get; init; }

    public FunctionTarget Target { get; init; } = FunctionTarget.None;

    public IDictionary<string, object?>? Export { get; init; }

    public IDictionary<string, object?>? ExportOnSuccess { get; init; }

    public IDictionary<string, object?>? ExportOnFailure { get; init; }

    public string Description { get; init; } = string.Empty;

    public object? Meta { get; init; }

    public SourceLocation? Location { get; init; }

    /// <summary>True when nothing is set: a workflow without an inline function.</summary>
    public bool IsEmpty => Driver.Length == 0 && RawAction.Length == 0 && Target.IsEmpty && Parameters is null;
}
