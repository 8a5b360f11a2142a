using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Config.Validation;

/// <summary>
/// Honeydipper's <c>configcheck</c> (§1.8 of the semantics reference) with the original's messages, over a whole
/// configuration; every problem is reported, not only the first of each object. Beyond the original it also checks
/// what the engine would otherwise fail on at run time: rule and trigger sources, function targets, <c>cases</c> and
/// <c>default</c> branches, and names that are not <c>system.function</c>.
/// </summary>
public static class ConfigValidator
{
    private static readonly HashSet<string> WildcardContextKeys = new(StringComparer.Ordinal) { "*", "_events" };

    public static List<ConfigProblem> Validate(HoneydipperConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        List<ConfigProblem> problems = [];
        CheckContexts(config, problems);
        CheckSystems(config, problems);
        for (int i = 0; i < config.Rules.Count; i++)
        {
            RuleDefinition rule = config.Rules[i];
            string subject = RuleSubject(rule, i);
            CheckTrigger(rule.When, config, new Reporter(problems, subject, rule.When.Location ?? rule.Location), "when");
            WorkflowChecker.Check(rule.Do, config, new Reporter(problems, subject, rule.Do.Location ?? rule.Location), "do");
        }

        foreach ((string name, WorkflowDefinition workflow) in config.Workflows.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            WorkflowChecker.Check(workflow, config, new Reporter(problems, $"workflow {name}", workflow.Location), string.Empty);
        }

        return problems;
    }

    /// <summary>How a rule is named in messages: its name when it has one, else its position and trigger.</summary>
    public static string RuleSubject(RuleDefinition rule, int index)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Name.Length > 0)
        {
            return $"rule {rule.Name}";
        }

        TriggerDefinition when = rule.When;
        string trigger = !when.Source.IsEmpty ? when.Source.ToString()
            : when.Driver.Length > 0 ? $"driver {when.Driver}{(when.RawEvent.Length > 0 ? "." + when.RawEvent : string.Empty)}"
            : string.Empty;
        return trigger.Length > 0 ? $"rule #{index + 1} ({trigger})" : $"rule #{index + 1}";
    }

    private static void CheckContexts(HoneydipperConfig config, List<ConfigProblem> problems)
    {
        foreach ((string contextName, object? value) in config.Contexts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (value is not IDictionary<string, object?> sections)
            {
                continue;
            }

            foreach (string workflow in sections.Keys)
            {
                if (!WildcardContextKeys.Contains(workflow) && !Interpolation.Has(workflow) && !config.Workflows.ContainsKey(workflow))
                {
                    problems.Add(new ConfigProblem(
                        ProblemSeverity.Error,
                        SourceLocations.OfKey(sections, workflow) ?? SourceLocations.OfKey(config.Contexts, contextName),
                        $"workflow \"{workflow}\" not defined{Suggestions.DidYouMean(workflow, config.Workflows.Keys)}")
                    { Subject = $"context {contextName}" });
                }
            }
        }
    }

    private static void CheckSystems(HoneydipperConfig config, List<ConfigProblem> problems)
    {
        foreach ((string name, SystemDefinition system) in config.Systems.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            foreach ((string triggerName, TriggerDefinition trigger) in system.Triggers.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                CheckTrigger(trigger, config, new Reporter(problems, $"system {name}", trigger.Location ?? system.Location), $"triggers.{triggerName}");
            }

            foreach ((string functionName, FunctionDefinition function) in system.Functions.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Reporter report = new(problems, $"system {name}", function.Location ?? system.Location);
                string path = $"functions.{functionName}";
                if (function.Driver.Length > 0 && !function.Target.IsEmpty)
                {
                    report.Error(path, "function cannot have both driver and target");
                }

                CheckTarget(function.Target, config, report, path + ".target");
            }
        }
    }

    /// <summary>A trigger names a raw driver event or another system's trigger, which must exist.</summary>
    private static void CheckTrigger(TriggerDefinition trigger, HoneydipperConfig config, Reporter report, string path)
    {
        EventSource source = trigger.Source;
        if (source.IsEmpty)
        {
            if (trigger.Driver.Length == 0 && path == "when")
            {
                report.Error(path, "a rule needs a trigger: set when.source {system, trigger} or when.driver");
            }

            return;
        }

        if (!Exists("system", source.System, config.Systems, report, path + ".source.system"))
        {
            return;
        }

        Exists($"{source.System} trigger", source.Trigger, config.Systems[source.System].Triggers, report, path + ".source.trigger");
    }

    internal static void CheckTarget(FunctionTarget target, HoneydipperConfig config, Reporter report, string path)
    {
        if (target.IsEmpty || Interpolation.Has(target.System))
        {
            return;
        }

        if (Exists("system", target.System, config.Systems, report, path + ".system") && !Interpolation.Has(target.Function))
        {
            Exists($"{target.System} function", target.Function, config.Systems[target.System].Functions, report, path + ".function");
        }
    }

    /// <summary>The original's checkObjectExists: names with interpolation are known only at run time.</summary>
    internal static bool Exists<T>(string kind, string name, IReadOnlyDictionary<string, T> map, Reporter report, string path)
    {
        if (name.Length == 0 || Interpolation.Has(name) || map.ContainsKey(name))
        {
            return true;
        }

        report.Error(path, $"{kind} \"{name}\" not defined{Suggestions.DidYouMean(name, map.Keys)}");
        return false;
    }
}
