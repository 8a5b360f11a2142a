using Honeydipper.Core.Config;
using Honeydipper.Core.Config.Loading;
using Honeydipper.Core.Config.Manifests;
using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Config.Validation;

namespace Honeydipper.Operator.Compilation;

/// <summary>
/// Turns a namespace's configuration objects into the engine's configuration and a verdict per object. An object
/// that does not read, or that the checks of <c>honeydipper validate</c> find wrong, is left out with the reason; what
/// depended on it is then checked again without it (a Rule whose System is invalid is invalid too), until what is
/// left is consistent. So an invalid object never takes down the valid ones, and fixing it (or creating what it
/// names) brings back everything that waited for it, without touching the others.
/// </summary>
public static class ConfigCompiler
{
    /// <param name="objects">Every Driver, System, Rule, Workflow and Context of the namespace.</param>
    /// <param name="secrets">A Secret's keys and values by Secret name, or null when it does not exist.</param>
    public static CompiledNamespace Compile(IEnumerable<ConfigObject> objects, Func<string, IReadOnlyDictionary<string, string>?> secrets)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(secrets);
        List<ConfigObject> ordered = [.. objects.OrderBy(o => o.Created ?? DateTime.MaxValue).ThenBy(o => o.Kind, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal)];
        Dictionary<ConfigObjectKey, ObjectVerdict> verdicts = [];
        List<(ConfigObject Object, DataSet Piece)> pieces = [];
        Dictionary<string, ConfigObject> owners = new(StringComparer.Ordinal);
        foreach (ConfigObject obj in ordered)
        {
            (DataSet? piece, ObjectVerdict verdict) = Read(obj, secrets, owners);
            verdicts[obj.Key] = verdict;
            if (piece is not null)
            {
                pieces.Add((obj, piece));
            }
        }

        HoneydipperConfig config = HoneydipperConfig.Empty;
        for (int round = 0; round <= pieces.Count; round++)
        {
            List<(ConfigObject Object, DataSet Piece)> active = [.. pieces.Where(p => verdicts[p.Object.Key].InUse)];
            (config, List<ConfigProblem> problems) = Assemble(active.Select(p => p.Piece));
            bool excluded = false;
            foreach (IGrouping<ConfigObjectKey, ConfigProblem> faults in problems
                .Where(p => p.Severity == ProblemSeverity.Error)
                .SelectMany(p => Culprits(p, active.Select(a => a.Object)).Select(o => (o.Key, Problem: p)))
                .GroupBy(f => f.Key, f => f.Problem))
            {
                verdicts[faults.Key] = new ObjectVerdict(VerdictReasons.Invalid, string.Join("; ", faults.Select(Describe).Distinct(StringComparer.Ordinal)))
                {
                    Warnings = verdicts[faults.Key].Warnings,
                };
                excluded = true;
            }

            if (!excluded)
            {
                break;
            }
        }

        foreach ((ConfigObject obj, DataSet piece) in pieces.Where(p => verdicts[p.Object.Key].Ready))
        {
            HashSet<string> served = config.Drivers.Keys.ToHashSet(StringComparer.Ordinal);
            served.Add(Plumbing.BroadcastDriver.Name); // the operator serves it itself
            List<string> missing = DriverReferences.Missing(obj.Kind, piece, served);
            if (missing.Count > 0)
            {
                verdicts[obj.Key] = new ObjectVerdict(VerdictReasons.DriverNotFound,
                    string.Join("; ", missing) + " (the rest of it is in use)")
                {
                    Warnings = verdicts[obj.Key].Warnings,
                };
            }
        }

        return new CompiledNamespace(config, verdicts);
    }

    private static (DataSet? Piece, ObjectVerdict Verdict) Read(ConfigObject obj, Func<string, IReadOnlyDictionary<string, string>?> secrets, Dictionary<string, ConfigObject> owners)
    {
        Dictionary<string, object?>? spec = obj.Spec is null ? null : new(obj.Spec, StringComparer.Ordinal);
        if (obj.Kind == "System" && spec is not null)
        {
            string? missing = SystemSecrets.Merge(spec, secrets);
            if (missing is not null)
            {
                return (null, new ObjectVerdict(VerdictReasons.SecretNotFound, missing));
            }
        }

        string name = obj.HoneydipperName;
        if (obj.Kind is "System" or "Workflow" or "Driver")
        {
            if (owners.TryGetValue($"{obj.Kind}/{name}", out ConfigObject? first))
            {
                return (null, new ObjectVerdict(VerdictReasons.Duplicate,
                    $"{obj.Kind.ToLowerInvariant()} \"{name}\" is already defined by {obj.Kind} {first.Name}; give one of them another spec.name"));
            }

            owners[$"{obj.Kind}/{name}"] = obj;
        }

        List<ConfigProblem> warnings = [];
        try
        {
            DataSet piece = ManifestMapper.ToDataSet(obj.Kind, obj.Name, spec, warnings);
            return (piece, ObjectVerdict.Valid with { Warnings = [.. warnings.Select(Describe)] });
        }
        catch (ConfigException ex)
        {
            return (null, new ObjectVerdict(VerdictReasons.Invalid, Describe(ConfigProblem.FromException(ex))));
        }
    }

    private static (HoneydipperConfig Config, List<ConfigProblem> Problems) Assemble(IEnumerable<DataSet> pieces)
    {
        DataSet set = DataSet.Empty;
        foreach (DataSet piece in pieces)
        {
            set = set.Merge(piece);
        }

        List<ConfigProblem> problems = [];
        Dictionary<string, SystemDefinition> systems = SystemExtender.Extend(set.Systems, problems);
        HoneydipperConfig config = new() { Systems = systems, Rules = set.Rules, Workflows = set.Workflows, Contexts = set.Contexts, Drivers = set.Drivers };

        // A call to a driver no Driver object provides is reported as DriverNotFound (the object stays in use), not as
        // the validator's "driver not defined", which would take the whole workflow out.
        Dictionary<string, object?> known = new(set.Drivers, StringComparer.Ordinal);
        foreach (string called in DriverReferences.Called(set))
        {
            known.TryAdd(called, null);
        }

        problems.AddRange(ConfigValidator.Validate(config with { Drivers = known }));
        return (config, problems);
    }

    /// <summary>The objects a problem is about, from its subject (<c>system x</c>, <c>workflow y</c>, <c>rule z</c>, <c>context c</c>).</summary>
    private static IEnumerable<ConfigObject> Culprits(ConfigProblem problem, IEnumerable<ConfigObject> active)
    {
        int space = problem.Subject.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return [];
        }

        string kind = problem.Subject[..space] switch
        {
            "system" => "System",
            "workflow" => "Workflow",
            "rule" => "Rule",
            "context" => "Context",
            _ => string.Empty,
        };
        string name = problem.Subject[(space + 1)..];
        return active.Where(o => o.Kind == kind && o.HoneydipperName == name);
    }

    /// <summary>A problem as a status message: the field path under spec, then the message.</summary>
    private static string Describe(ConfigProblem problem)
    {
        string path = problem.FieldPath;
        if (path.Length == 0)
        {
            return problem.Message;
        }

        return (path.StartsWith("spec", StringComparison.Ordinal) ? path : "spec." + path) + ": " + problem.Message;
    }
}

/// <summary>The engine configuration of a namespace and what became of each object.</summary>
public sealed record CompiledNamespace(HoneydipperConfig Config, IReadOnlyDictionary<ConfigObjectKey, ObjectVerdict> Verdicts);
