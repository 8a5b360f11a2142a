using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Config.Model;

/// <summary>
/// A Honeydipper workflow, as written (nothing interpolated). Fields whose value may be an interpolation that yields
/// another type (a list from <c>$ctx.items</c>) are <see cref="object"/>; conditions are lists of strings;
/// sub-workflows are parsed (they are never interpolated as a whole). Every key the original accepts is here, with the
/// key-name variants of its JSON and mapstructure decoders accepted everywhere (see <see cref="WorkflowKeys"/>).
/// </summary>
public sealed record WorkflowDefinition
{
    public static readonly WorkflowDefinition Empty = new();

    public string Name { get; init; } = string.Empty;

    public string Description { get; init; } = string.Empty;

    public object? Meta { get; init; }

    /// <summary>One named context to apply.</summary>
    public string Context { get; init; } = string.Empty;

    /// <summary>More named contexts: a list of strings, or a string that interpolates into one.</summary>
    public object? Contexts { get; init; }

    /// <summary><c>with</c>: a map or a list of maps (layers); for <c>call_driver</c>, the driver's parameters.</summary>
    public object? With { get; init; }

    public object? IfMatch { get; init; }

    public object? UnlessMatch { get; init; }

    public object? WhileMatch { get; init; }

    public object? UntilMatch { get; init; }

    public IReadOnlyList<string>? If { get; init; }

    public IReadOnlyList<string>? IfAny { get; init; }

    public IReadOnlyList<string>? Unless { get; init; }

    public IReadOnlyList<string>? UnlessAll { get; init; }

    public IReadOnlyList<string>? While { get; init; }

    public IReadOnlyList<string>? WhileAny { get; init; }

    public IReadOnlyList<string>? Until { get; init; }

    public IReadOnlyList<string>? UntilAll { get; init; }

    /// <summary>Runs as a child when the condition is false.</summary>
    public WorkflowDefinition? Else { get; init; }

    public object? Iterate { get; init; }

    public object? IterateParallel { get; init; }

    public string IteratePool { get; init; } = string.Empty;

    public string IterateAs { get; init; } = string.Empty;

    /// <summary>Parsed but unused by the engine, as in the original (retries come from ctx/params <c>retry</c>).</summary>
    public string Retry { get; init; } = string.Empty;

    public string Backoff { get; init; } = string.Empty;

    public string OnError { get; init; } = string.Empty;

    public string OnFailure { get; init; } = string.Empty;

    public string CallWorkflow { get; init; } = string.Empty;

    /// <summary>An inline function (<c>function:</c>).</summary>
    public FunctionDefinition Function { get; init; } = FunctionDefinition.Empty;

    public string CallFunction { get; init; } = string.Empty;

    public string CallDriver { get; init; } = string.Empty;

    public IReadOnlyList<WorkflowDefinition> Steps { get; init; } = [];

    public IReadOnlyList<WorkflowDefinition> Threads { get; init; } = [];

    /// <summary>A Go duration (<c>5m</c>) or <c>infinite</c>.</summary>
    public string Wait { get; init; } = string.Empty;

    public bool Detach { get; init; }

    public string Switch { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, WorkflowDefinition>? Cases { get; init; }

    public WorkflowDefinition? Default { get; init; }

    public IDictionary<string, object?>? Export { get; init; }

    public IDictionary<string, object?>? ExportOnSuccess { get; init; }

    public IDictionary<string, object?>? ExportOnFailure { get; init; }

    public IDictionary<string, object?>? ExportOnError { get; init; }

    public IReadOnlyList<string>? NoExport { get; init; }

    public SourceLocation? Location { get; init; }
}
