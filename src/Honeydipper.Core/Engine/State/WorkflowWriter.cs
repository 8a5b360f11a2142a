using Honeydipper.Core.Config.Model;

namespace Honeydipper.Core.Engine.State;

/// <summary>
/// A workflow back as data, with the canonical key names, so that <see cref="Config.Reading"/>'s reader gives back
/// the same definition. Used to save sessions (their workflow is interpolated and cannot be looked up again).
/// </summary>
public static class WorkflowWriter
{
    public static Dictionary<string, object?> Write(WorkflowDefinition w)
    {
        ArgumentNullException.ThrowIfNull(w);
        Dictionary<string, object?> map = new(StringComparer.Ordinal);
        Text(map, "name", w.Name);
        Text(map, "description", w.Description);
        Any(map, "meta", w.Meta);
        Text(map, "context", w.Context);
        Any(map, "contexts", w.Contexts);
        Any(map, "with", w.With);
        Any(map, "if_match", w.IfMatch);
        Any(map, "unless_match", w.UnlessMatch);
        Any(map, "while_match", w.WhileMatch);
        Any(map, "until_match", w.UntilMatch);
        Strings(map, "if", w.If);
        Strings(map, "if_any", w.IfAny);
        Strings(map, "unless", w.Unless);
        Strings(map, "unless_all", w.UnlessAll);
        Strings(map, "while", w.While);
        Strings(map, "while_any", w.WhileAny);
        Strings(map, "until", w.Until);
        Strings(map, "until_all", w.UntilAll);
        if (w.Else is not null)
        {
            map["else"] = Write(w.Else);
        }

        Any(map, "iterate", w.Iterate);
        Any(map, "iterate_parallel", w.IterateParallel);
        Text(map, "iterate_pool", w.IteratePool);
        Text(map, "iterate_as", w.IterateAs);
        Text(map, "retry", w.Retry);
        Text(map, "backoff", w.Backoff);
        Text(map, "on_error", w.OnError);
        Text(map, "on_failure", w.OnFailure);
        Text(map, "call_workflow", w.CallWorkflow);
        if (!w.Function.IsEmpty || w.Function.Export is not null)
        {
            map["function"] = WriteFunction(w.Function);
        }

        Text(map, "call_function", w.CallFunction);
        Text(map, "call_driver", w.CallDriver);
        if (w.Steps.Count > 0)
        {
            map["steps"] = w.Steps.Select(s => (object?)Write(s)).ToList();
        }

        if (w.Threads.Count > 0)
        {
            map["threads"] = w.Threads.Select(s => (object?)Write(s)).ToList();
        }

        Text(map, "wait", w.Wait);
        if (w.Detach)
        {
            map["detach"] = true;
        }

        Text(map, "switch", w.Switch);
        if (w.Cases is not null)
        {
            map["cases"] = w.Cases.ToDictionary(c => c.Key, c => (object?)Write(c.Value), StringComparer.Ordinal);
        }

        if (w.Default is not null)
        {
            map["default"] = Write(w.Default);
        }

        Any(map, "export", w.Export);
        Any(map, "export_on_success", w.ExportOnSuccess);
        Any(map, "export_on_failure", w.ExportOnFailure);
        Any(map, "export_on_error", w.ExportOnError);
        Strings(map, "no_export", w.NoExport);
        return map;
    }

    public static Dictionary<string, object?> WriteFunction(FunctionDefinition f)
    {
        ArgumentNullException.ThrowIfNull(f);
        Dictionary<string, object?> map = new(StringComparer.Ordinal);
        Text(map, "driver", f.Driver);
        Text(map, "rawAction", f.RawAction);
        Any(map, "parameters", f.Parameters);
        if (!f.Target.IsEmpty)
        {
            map["target"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["system"] = f.Target.System, ["function"] = f.Target.Function };
        }

        Any(map, "export", f.Export);
        Any(map, "export_on_success", f.ExportOnSuccess);
        Any(map, "export_on_failure", f.ExportOnFailure);
        Text(map, "description", f.Description);
        Any(map, "meta", f.Meta);
        return map;
    }

    private static void Text(Dictionary<string, object?> map, string key, string value)
    {
        if (value.Length > 0)
        {
            map[key] = value;
        }
    }

    private static void Any(Dictionary<string, object?> map, string key, object? value)
    {
        if (value is not null)
        {
            map[key] = Values.DataTree.DeepCopy(value);
        }
    }

    private static void Strings(Dictionary<string, object?> map, string key, IReadOnlyList<string>? values)
    {
        if (values is not null)
        {
            map[key] = values.Select(v => (object?)v).ToList();
        }
    }
}
