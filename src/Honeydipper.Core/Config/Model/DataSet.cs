using Honeydipper.Core.Config.Merging;

namespace Honeydipper.Core.Config.Model;

/// <summary>
/// The content of one configuration file, or of several merged (Honeydipper's DataSet). Immutable: merging returns a
/// new set. Drivers and contexts are free-form data trees.
/// </summary>
public sealed record DataSet
{
    public static readonly DataSet Empty = new();

    public IReadOnlyDictionary<string, SystemDefinition> Systems { get; init; } = new Dictionary<string, SystemDefinition>(StringComparer.Ordinal);

    public IReadOnlyList<RuleDefinition> Rules { get; init; } = [];

    public IReadOnlyDictionary<string, WorkflowDefinition> Workflows { get; init; } = new Dictionary<string, WorkflowDefinition>(StringComparer.Ordinal);

    /// <summary>Named contexts: context name → (workflow name, <c>*</c> or <c>_events</c>) → data.</summary>
    public IDictionary<string, object?> Contexts { get; init; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Driver data by driver name (<c>daemon</c> holds the daemon's own settings).</summary>
    public IDictionary<string, object?> Drivers { get; init; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    public IReadOnlyList<string> Includes { get; init; } = [];

    public IReadOnlyList<RepoInfo> Repos { get; init; } = [];

    /// <summary>
    /// This set with a later one merged over it, by the original's rules: systems merged per name, rules, includes and
    /// repos appended, a workflow of the same name replaced whole, drivers and contexts deep-merged with lists appended.
    /// </summary>
    public DataSet Merge(DataSet later)
    {
        ArgumentNullException.ThrowIfNull(later);
        Dictionary<string, SystemDefinition> systems = new(Systems, StringComparer.Ordinal);
        foreach ((string name, SystemDefinition system) in later.Systems)
        {
            systems[name] = systems.TryGetValue(name, out SystemDefinition? existing) ? ConfigMerge.MergeSystem(existing, system) : system;
        }

        Dictionary<string, WorkflowDefinition> workflows = new(Workflows, StringComparer.Ordinal);
        foreach ((string name, WorkflowDefinition workflow) in later.Workflows)
        {
            workflows[name] = workflow;
        }

        return new DataSet
        {
            Systems = systems,
            Rules = [.. Rules, .. later.Rules],
            Workflows = workflows,
            // Merged sets are never modified, so an empty side can be shared instead of copied.
            Contexts = later.Contexts.Count == 0 ? Contexts : ConfigMerge.MergeMaps(Contexts, later.Contexts)!,
            Drivers = later.Drivers.Count == 0 ? Drivers : ConfigMerge.MergeMaps(Drivers, later.Drivers)!,
            Includes = [.. Includes, .. later.Includes],
            Repos = [.. Repos, .. later.Repos],
        };
    }
}
