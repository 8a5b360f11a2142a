using Honeydipper.Core.Config.Merging;
using Honeydipper.Core.Config.Model;

namespace Honeydipper.Core.Config.Loading;

/// <summary>
/// Resolves <c>extends</c> after assembly, as the original does at its Discovering stage: <c>base</c> inherits (bases
/// merged in the order listed, then the system itself on top); <c>key=base</c> embeds the base as a subsystem (its
/// triggers and functions as <c>key.name</c>, its data under <c>data.key</c>). Unlike the original, a missing base
/// or a cycle is an error instead of an empty system or a crash.
/// </summary>
public static class SystemExtender
{
    public static Dictionary<string, SystemDefinition> Extend(IReadOnlyDictionary<string, SystemDefinition> systems, ICollection<ConfigProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(systems);
        ArgumentNullException.ThrowIfNull(problems);
        Dictionary<string, SystemDefinition> result = new(systems, StringComparer.Ordinal);
        HashSet<string> done = new(StringComparer.Ordinal);
        List<string> visiting = [];
        foreach (string name in systems.Keys.Order(StringComparer.Ordinal))
        {
            ExtendOne(name, result, done, visiting, problems);
        }

        return result;
    }

    private static void ExtendOne(string name, Dictionary<string, SystemDefinition> systems, HashSet<string> done, List<string> visiting, ICollection<ConfigProblem> problems)
    {
        if (done.Contains(name))
        {
            return;
        }

        SystemDefinition current = systems[name];
        if (current.Extends.Count == 0)
        {
            done.Add(name);
            return;
        }

        visiting.Add(name);
        SystemDefinition merged = SystemDefinition.Empty;
        for (int i = 0; i < current.Extends.Count; i++)
        {
            string entry = current.Extends[i];
            string[] parts = entry.Split('=');
            string baseName = parts[0].Trim();
            string subKey = string.Empty;
            if (parts.Length >= 2)
            {
                subKey = baseName;
                baseName = parts[1].Trim();
            }

            ConfigProblem Problem(string message) =>
                new(ProblemSeverity.Error, current.Location, message) { Subject = $"system {name}", FieldPath = $"extends[{i}]" };

            if (!systems.ContainsKey(baseName))
            {
                problems.Add(Problem($"system \"{baseName}\" not defined{Suggestions.DidYouMean(baseName, systems.Keys)}"));
                continue;
            }

            if (visiting.Contains(baseName))
            {
                problems.Add(Problem($"extends cycle: {string.Join(" → ", visiting.SkipWhile(v => v != baseName))} → {baseName}"));
                continue;
            }

            ExtendOne(baseName, systems, done, visiting, problems);
            SystemDefinition baseSystem = systems[baseName];
            merged = subKey.Length == 0 ? ConfigMerge.MergeSystem(merged, baseSystem) : AddSubsystem(merged, baseSystem, subKey);
        }

        systems[name] = ConfigMerge.MergeSystem(merged, current) with { Location = current.Location };
        visiting.Remove(name);
        done.Add(name);
    }

    private static SystemDefinition AddSubsystem(SystemDefinition target, SystemDefinition sub, string key)
    {
        Dictionary<string, TriggerDefinition> triggers = new(target.Triggers, StringComparer.Ordinal);
        foreach ((string name, TriggerDefinition trigger) in sub.Triggers)
        {
            triggers[$"{key}.{name}"] = trigger;
        }

        Dictionary<string, FunctionDefinition> functions = new(target.Functions, StringComparer.Ordinal);
        foreach ((string name, FunctionDefinition function) in sub.Functions)
        {
            functions[$"{key}.{name}"] = function;
        }

        Dictionary<string, object?> data = ConfigMerge.MergeMaps(target.Data, null) ?? new(StringComparer.Ordinal);
        data[key] = ConfigMerge.Copy(sub.Data);
        return target with { Triggers = triggers, Functions = functions, Data = data };
    }
}
