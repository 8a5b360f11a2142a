using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Config.Reading;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Config.Manifests;

/// <summary>
/// Maps one of our custom resources (DESIGN §3) onto the engine model: the object's Honeydipper name is
/// <c>spec.name</c> when set (Kubernetes names cannot hold <c>_</c> or <c>/</c>), else <c>metadata.name</c>.
/// Used by <c>validate</c> on a folder of manifests and by the operator on live objects.
/// </summary>
public static class ManifestMapper
{
    public const string Group = "honeydipper.io";

    /// <summary>Kinds that carry configuration; <c>ConfigRepo</c> and <c>WorkflowRun</c> do not.</summary>
    public static readonly IReadOnlySet<string> ConfigKinds = new HashSet<string>(StringComparer.Ordinal) { "Driver", "System", "Rule", "Workflow", "Context" };

    public static readonly IReadOnlySet<string> OtherKinds = new HashSet<string>(StringComparer.Ordinal) { "ConfigRepo", "WorkflowRun" };

    /// <summary>The configuration one object contributes, as a data set to merge with the others.</summary>
    /// <param name="kind">The object's kind.</param>
    /// <param name="metadataName">The object's <c>metadata.name</c>.</param>
    /// <param name="spec">The object's spec as a data tree (may be null).</param>
    /// <param name="warnings">Receives warnings (unknown keys and the like).</param>
    /// <exception cref="ConfigException">The spec cannot be read as that kind.</exception>
    public static DataSet ToDataSet(string kind, string metadataName, IDictionary<string, object?>? spec, ICollection<ConfigProblem> warnings)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(warnings);
        Dictionary<string, object?> body = spec is null ? new(StringComparer.Ordinal) : new(spec, StringComparer.Ordinal);
        if (spec is not null)
        {
            SourceLocations.Transfer(spec, body); // keep file and line for messages about the copy
        }

        string name = HoneydipperName(metadataName, body);
        ReadReport report = new();
        DataSet result = kind switch
        {
            "Driver" => new DataSet { Drivers = new Dictionary<string, object?>(StringComparer.Ordinal) { [name] = Take(body, "data") ?? new Dictionary<string, object?>() } },
            "System" => System(name, body, report),
            "Rule" => Rule(name, body, report),
            "Workflow" => Workflow(name, body, report),
            "Context" => new DataSet { Contexts = new Dictionary<string, object?>(StringComparer.Ordinal) { [name] = ContextSections(name, body) } },
            _ => throw new ConfigException(null, "kind", $"kind {kind} does not hold configuration"),
        };
        foreach (ConfigException warning in report.Warnings)
        {
            warnings.Add(ConfigProblem.FromException(warning, ProblemSeverity.Warning) with { Subject = $"{kind} {metadataName}" });
        }

        return result;
    }

    /// <summary><c>spec.name</c> when set, else the object's name.</summary>
    public static string HoneydipperName(string metadataName, IDictionary<string, object?>? spec) =>
        spec is not null && spec.TryGetValue("name", out object? name) && name is string { Length: > 0 } text ? text : metadataName;

    private static DataSet System(string name, Dictionary<string, object?> spec, ReadReport report)
    {
        spec.Remove("name");
        spec.Remove("dataFrom"); // Secret data is merged by the operator; offline it is unknown.
        return new DataSet
        {
            Systems = new Dictionary<string, SystemDefinition>(StringComparer.Ordinal) { [name] = DefinitionReader.ReadSystem(spec, "spec", report) },
        };
    }

    private static DataSet Rule(string name, Dictionary<string, object?> spec, ReadReport report)
    {
        spec.Remove("name");
        spec.Remove("description");
        bool suspend = spec.Remove("suspend", out object? flag) && flag is true;
        RuleDefinition rule = DefinitionReader.ReadRule(spec, "spec", report) with { Name = name, Suspend = suspend };
        return new DataSet { Rules = [rule] };
    }

    private static DataSet Workflow(string name, Dictionary<string, object?> spec, ReadReport report)
    {
        spec.Remove("runHistory");
        WorkflowDefinition workflow = WorkflowReader.Read(spec, "spec", report);
        return new DataSet
        {
            Workflows = new Dictionary<string, WorkflowDefinition>(StringComparer.Ordinal) { [name] = workflow with { Name = string.Empty } },
        };
    }

    private static IDictionary<string, object?> ContextSections(string name, Dictionary<string, object?> spec)
    {
        object? sections = Take(spec, "workflows");
        return sections switch
        {
            null => new Dictionary<string, object?>(StringComparer.Ordinal),
            IDictionary<string, object?> map => map,
            _ => throw new ConfigException(SourceLocations.OfKey(spec, "workflows"), "spec.workflows", $"context {name} must map workflow names (or \"*\", \"_events\") to data"),
        };
    }

    private static object? Take(Dictionary<string, object?> spec, string key) => spec.TryGetValue(key, out object? value) ? value : null;
}
