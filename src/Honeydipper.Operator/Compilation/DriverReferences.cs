using Honeydipper.Core.Config.Model;

namespace Honeydipper.Operator.Compilation;

/// <summary>The drivers an object names directly (triggers, functions, call_driver) that no Driver object provides.</summary>
internal static class DriverReferences
{
    public static List<string> Missing(string kind, DataSet piece, IReadOnlySet<string> drivers)
    {
        List<string> missing = [];
        void Check(string driver, string where)
        {
            if (driver.Length > 0 && !driver.Contains("{{", StringComparison.Ordinal) && !driver.StartsWith('$') && !drivers.Contains(driver)
                && !driver.StartsWith("feature:", StringComparison.Ordinal))
            {
                missing.Add($"{where} uses driver \"{driver}\", which no Driver in this namespace provides (create a Driver named {driver})");
            }
        }

        switch (kind)
        {
            case "System":
                foreach (SystemDefinition system in piece.Systems.Values)
                {
                    foreach ((string name, TriggerDefinition trigger) in system.Triggers)
                    {
                        Check(trigger.Driver, $"spec.triggers.{name}");
                    }

                    foreach ((string name, FunctionDefinition function) in system.Functions)
                    {
                        Check(function.Driver, $"spec.functions.{name}");
                    }
                }

                break;
            case "Rule":
                foreach (RuleDefinition rule in piece.Rules)
                {
                    Check(rule.When.Driver, "spec.when");
                    Walk(rule.Do, "spec.do", Check);
                }

                break;
            case "Workflow":
                foreach (WorkflowDefinition workflow in piece.Workflows.Values)
                {
                    Walk(workflow, "spec", Check);
                }

                break;
        }

        return missing;
    }

    /// <summary>Every driver a workflow or rule calls directly (call_driver, inline function), for the validator to accept.</summary>
    public static HashSet<string> Called(DataSet set)
    {
        HashSet<string> names = new(StringComparer.Ordinal);
        void Add(string driver, string where)
        {
            if (driver.Length > 0)
            {
                names.Add(driver);
            }
        }

        foreach (WorkflowDefinition workflow in set.Workflows.Values)
        {
            Walk(workflow, string.Empty, Add);
        }

        foreach (RuleDefinition rule in set.Rules)
        {
            Walk(rule.Do, string.Empty, Add);
        }

        return names;
    }

    private static void Walk(WorkflowDefinition w, string path, Action<string, string> check)
    {
        if (w.CallDriver.Length > 0)
        {
            int dot = w.CallDriver.IndexOf('.', StringComparison.Ordinal);
            check(dot > 0 ? w.CallDriver[..dot] : w.CallDriver, path + ".call_driver");
        }

        check(w.Function.Driver, path + ".function");
        for (int i = 0; i < w.Steps.Count; i++)
        {
            Walk(w.Steps[i], $"{path}.steps[{i}]", check);
        }

        for (int i = 0; i < w.Threads.Count; i++)
        {
            Walk(w.Threads[i], $"{path}.threads[{i}]", check);
        }

        if (w.Else is not null)
        {
            Walk(w.Else, path + ".else", check);
        }

        if (w.Default is not null)
        {
            Walk(w.Default, path + ".default", check);
        }

        foreach ((string value, WorkflowDefinition branch) in w.Cases ?? new Dictionary<string, WorkflowDefinition>())
        {
            Walk(branch, $"{path}.cases.{value}", check);
        }
    }
}
