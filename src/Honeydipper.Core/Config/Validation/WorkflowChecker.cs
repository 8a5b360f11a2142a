using Honeydipper.Core.Config.Model;

namespace Honeydipper.Core.Config.Validation;

/// <summary>The configcheck of one workflow and, recursively, of its else, steps, threads, cases and default.</summary>
internal static class WorkflowChecker
{
    public static void Check(WorkflowDefinition w, HoneydipperConfig config, Reporter report, string path)
    {
        Reporter here = report.At(w.Location);
        CheckActions(w, here, path);
        CheckConditions(w, here, path);
        ConfigValidator.Exists("workflow", w.CallWorkflow, config.Workflows, here, Join(path, "call_workflow"));
        CheckFunction(w, config, here, path);
        CheckDriver(w, config, here, path);
        CheckIsList("contexts", w.Contexts, here, path);
        CheckIsList("iterate", w.Iterate, here, path);
        CheckIsList("iterate_parallel", w.IterateParallel, here, path);

        if (w.Else is not null)
        {
            Check(w.Else, config, here, Join(path, "else"));
        }

        for (int i = 0; i < w.Steps.Count; i++)
        {
            Check(w.Steps[i], config, here, $"{Join(path, "steps")}[{i}]");
        }

        for (int i = 0; i < w.Threads.Count; i++)
        {
            Check(w.Threads[i], config, here, $"{Join(path, "threads")}[{i}]");
        }

        foreach ((string name, WorkflowDefinition branch) in w.Cases ?? new Dictionary<string, WorkflowDefinition>())
        {
            Check(branch, config, here, Join(path, $"cases.{name}"));
        }

        if (w.Default is not null)
        {
            Check(w.Default, config, here, Join(path, "default"));
        }
    }

    private static void CheckActions(WorkflowDefinition w, Reporter report, string path)
    {
        FieldChecker f = new(report, path);
        f.Set("call_workflow", Interpolation.HasLiteral(w.CallWorkflow));
        f.Set("call_function", Interpolation.HasLiteral(w.CallFunction));
        f.Set("call_driver", Interpolation.HasLiteral(w.CallDriver));
        f.Set("function", !w.Function.IsEmpty);
        f.Set("wait", w.Wait.Length > 0);
        f.Set("steps", w.Steps.Count > 0);
        f.Set("threads", w.Threads.Count > 0);
        f.Set("switch", w.Switch.Length > 0);
    }

    private static void CheckConditions(WorkflowDefinition w, Reporter report, string path)
    {
        FieldChecker f = new(report, path);
        f.Set("if_match", w.IfMatch is not null);
        f.Set("unless_match", w.UnlessMatch is not null);
        f.Set("while_match", w.WhileMatch is not null);
        f.Set("until_match", w.UntilMatch is not null);
        f.Set("if", w.If is { Count: > 0 });
        f.Set("unless", w.Unless is { Count: > 0 });
        f.Set("if_any", w.IfAny is { Count: > 0 });
        f.Set("unless_all", w.UnlessAll is { Count: > 0 });
        f.Set("while", w.While is { Count: > 0 });
        f.Set("while_any", w.WhileAny is { Count: > 0 });
        f.Set("until", w.Until is { Count: > 0 });
        f.Set("until_all", w.UntilAll is { Count: > 0 });
        if (w.Else is not null && f.First is null)
        {
            report.Error(Join(path, "else"), "field \"else\" not allowed without pairing field");
        }
    }

    private static void CheckFunction(WorkflowDefinition w, HoneydipperConfig config, Reporter report, string path)
    {
        if (w.CallFunction.Length > 0 && !Interpolation.Has(w.CallFunction))
        {
            int dot = w.CallFunction.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || dot == w.CallFunction.Length - 1)
            {
                report.Error(Join(path, "call_function"), $"call_function \"{w.CallFunction}\" must name a function as \"system.function\"");
                return;
            }

            ConfigValidator.CheckTarget(new FunctionTarget(w.CallFunction[..dot], w.CallFunction[(dot + 1)..]), config, report, Join(path, "call_function"));
        }
        else if (!w.Function.Target.IsEmpty)
        {
            ConfigValidator.CheckTarget(w.Function.Target, config, report, Join(path, "function.target"));
        }
    }

    private static void CheckDriver(WorkflowDefinition w, HoneydipperConfig config, Reporter report, string path)
    {
        if (w.CallDriver.Length > 0 && !Interpolation.Has(w.CallDriver))
        {
            string driver = w.CallDriver.Split('.')[0];
            CheckDriverName(driver, config, report, Join(path, "call_driver"));
        }
        else if (w.Function.Driver.Length > 0 && !Interpolation.Has(w.Function.Driver))
        {
            CheckDriverName(w.Function.Driver, config, report, Join(path, "function.driver"));
        }
    }

    private static void CheckDriverName(string driver, HoneydipperConfig config, Reporter report, string path)
    {
        if (!config.Drivers.ContainsKey(driver))
        {
            report.Error(path, $"driver \"{driver}\" not defined{Suggestions.DidYouMean(driver, config.Drivers.Keys)}");
        }
    }

    private static void CheckIsList(string name, object? value, Reporter report, string path)
    {
        bool bad = value switch
        {
            null => false,
            string s => s.Length > 0 && Interpolation.HasLiteral(s),
            IList<object?> => false,
            _ => true,
        };
        if (bad)
        {
            report.Error(Join(path, name), $"field \"{name}\" must be a list or something interpolated into a list");
        }
    }

    private static string Join(string path, string field) => path.Length == 0 ? field : $"{path}.{field}";

    /// <summary>Allows one of a group of fields; the second one set is reported, as the original's fieldChecker does.</summary>
    private sealed class FieldChecker(Reporter report, string path)
    {
        public string? First { get; private set; }

        public void Set(string name, bool isSet)
        {
            if (!isSet)
            {
                return;
            }

            if (First is not null)
            {
                report.Error(Join(path, name), $"cannot define both \"{First}\" and \"{name}\"");
                return;
            }

            First = name;
        }
    }
}
