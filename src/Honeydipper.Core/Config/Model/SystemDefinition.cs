using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Config.Model;

/// <summary>An abstract system (github, slack_bot, kubernetes...): its data, the triggers it emits and the functions it offers.</summary>
public sealed record SystemDefinition
{
    // Declared before Empty: static fields initialise in order, and Empty needs these.
    private static readonly IReadOnlyDictionary<string, TriggerDefinition> EmptyTriggers =
        new Dictionary<string, TriggerDefinition>(StringComparer.Ordinal);

    private static readonly IReadOnlyDictionary<string, FunctionDefinition> EmptyFunctions =
        new Dictionary<string, FunctionDefinition>(StringComparer.Ordinal);

    public static readonly SystemDefinition Empty = new();

    /// <summary>Free-form data, seen as <c>sysData</c> when the system's functions and triggers are interpolated.</summary>
    public IDictionary<string, object?>? Data { get; init; }

    public IReadOnlyDictionary<string, TriggerDefinition> Triggers { get; init; } = EmptyTriggers;

    public IReadOnlyDictionary<string, FunctionDefinition> Functions { get; init; } = EmptyFunctions;

    /// <summary>Systems this one inherits from (<c>base</c>) or embeds as a subsystem (<c>key=base</c>).</summary>
    public IReadOnlyList<string> Extends { get; init; } = [];

    public string Description { get; init; } = string.Empty;

    public object? Meta { get; init; }

    public SourceLocation? Location { get; init; }
}
