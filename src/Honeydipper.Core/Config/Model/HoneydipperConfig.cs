namespace Honeydipper.Core.Config.Model;

/// <summary>
/// An assembled configuration, ready for the engine: every repository and file merged, systems extended.
/// Immutable by contract: nothing that holds it may change the data it reaches.
/// </summary>
public sealed record HoneydipperConfig
{
    public static readonly HoneydipperConfig Empty = new();

    public IReadOnlyDictionary<string, SystemDefinition> Systems { get; init; } = DataSet.Empty.Systems;

    public IReadOnlyList<RuleDefinition> Rules { get; init; } = [];

    public IReadOnlyDictionary<string, WorkflowDefinition> Workflows { get; init; } = DataSet.Empty.Workflows;

    /// <summary>Named contexts: context name → (workflow name, <c>*</c> or <c>_events</c>) → data.</summary>
    public IDictionary<string, object?> Contexts { get; init; } = DataSet.Empty.Contexts;

    /// <summary>Driver data by driver name.</summary>
    public IDictionary<string, object?> Drivers { get; init; } = DataSet.Empty.Drivers;
}
