using Honeydipper.Core.Config.Model;

namespace Honeydipper.Core.Config.Reading;

/// <summary>
/// Reads a workflow. The original decodes top-level workflows with JSON tags and nested ones (else, cases, default)
/// with mapstructure tags, which disagree on a few names (<c>unless_any</c>/<c>unless_all</c>,
/// <c>until_any</c>/<c>until_all</c>, the <c>unelss_match</c> typo); every spelling is accepted everywhere.
/// </summary>
internal static class WorkflowReader
{
    public static WorkflowDefinition Read(object? value, string path, ReadReport report)
    {
        FieldReader f = DefinitionReader.Open(value, path, "a workflow");
        WorkflowDefinition workflow = new()
        {
            Name = f.String("name"),
            Description = f.String("description"),
            Meta = f.Any("meta"),
            Context = f.String("context"),
            Contexts = f.Any("contexts"),
            With = f.Any("with"),
            IfMatch = f.Any("if_match"),
            UnlessMatch = f.Any("unless_match", "unelss_match"),
            WhileMatch = f.Any("while_match"),
            UntilMatch = f.Any("until_match"),
            If = f.StringList("if"),
            IfAny = f.StringList("if_any"),
            Unless = f.StringList("unless"),
            UnlessAll = f.StringList("unless_all", "unless_any"),
            While = f.StringList("while"),
            WhileAny = f.StringList("while_any"),
            Until = f.StringList("until"),
            UntilAll = f.StringList("until_all", "until_any"),
            Else = Child(f, "else", report),
            Iterate = f.Any("iterate"),
            IterateParallel = f.Any("iterate_parallel"),
            IteratePool = f.String("iterate_pool"),
            IterateAs = f.String("iterate_as"),
            Retry = f.String("retry"),
            Backoff = f.String("backoff"),
            OnError = f.String("on_error"),
            OnFailure = f.String("on_failure"),
            CallWorkflow = f.String("call_workflow"),
            Function = InlineFunction(f, report),
            CallFunction = f.String("call_function"),
            CallDriver = f.String("call_driver"),
            Steps = Children(f, "steps", report),
            Threads = Children(f, "threads", report),
            Wait = f.String("wait"),
            Detach = f.Bool("detach"),
            Switch = f.String("switch"),
            Cases = Cases(f, report),
            Default = Child(f, "default", report),
            Export = f.Map("export"),
            ExportOnSuccess = f.Map("export_on_success"),
            ExportOnFailure = f.Map("export_on_failure"),
            ExportOnError = f.Map("export_on_error"),
            NoExport = f.StringList("no_export"),
            Location = f.Location,
        };
        report.UnknownKeys(f);
        return workflow;
    }

    private static WorkflowDefinition? Child(FieldReader f, string name, ReadReport report)
    {
        if (!f.TryGet([name], out object? value, out string key) || value is null)
        {
            return null;
        }

        if (value is not IDictionary<string, object?>)
        {
            throw f.Error(key, $"must be a workflow written as a map, not {FieldReader.Describe(value)}");
        }

        return Read(value, FieldReader.Join(f.Path, key), report);
    }

    private static List<WorkflowDefinition> Children(FieldReader f, string name, ReadReport report)
    {
        if (!f.TryGet([name], out object? value, out string key) || value is null)
        {
            return [];
        }

        if (value is not IList<object?> list)
        {
            // The original's struct field is a list of workflows: anything else fails to load.
            throw f.Error(key, "must be a list or something interpolated into a list");
        }

        List<WorkflowDefinition> children = new(list.Count);
        for (int i = 0; i < list.Count; i++)
        {
            string childPath = $"{FieldReader.Join(f.Path, key)}[{i}]";
            if (list[i] is not (IDictionary<string, object?> or null))
            {
                throw f.Error($"{key}[{i}]", $"must be a workflow written as a map, not {FieldReader.Describe(list[i])}");
            }

            children.Add(Read(list[i], childPath, report));
        }

        return children;
    }

    private static Dictionary<string, WorkflowDefinition>? Cases(FieldReader f, ReadReport report)
    {
        IDictionary<string, object?>? map = f.Map("cases");
        if (map is null)
        {
            return null;
        }

        Dictionary<string, WorkflowDefinition> cases = new(StringComparer.Ordinal);
        foreach ((string name, object? value) in map)
        {
            string casePath = FieldReader.Join(f.Path, "cases." + name);
            if (value is not (IDictionary<string, object?> or null))
            {
                throw new ConfigException(f.Location, casePath, $"must be a workflow written as a map, not {FieldReader.Describe(value)}");
            }

            cases[name] = Read(value, casePath, report);
        }

        return cases;
    }

    private static FunctionDefinition InlineFunction(FieldReader f, ReadReport report)
    {
        if (!f.TryGet(["function"], out object? value, out string key) || value is null)
        {
            return FunctionDefinition.Empty;
        }

        return DefinitionReader.ReadFunction(value, FieldReader.Join(f.Path, key), report);
    }
}
