using Honeydipper.Core.Config.Model;

namespace Honeydipper.Core.Config.Reading;

/// <summary>Turns the YAML data of triggers, functions, systems, rules and repositories into definitions.</summary>
internal static class DefinitionReader
{
    public static TriggerDefinition ReadTrigger(object? value, string path, ReadReport report)
    {
        FieldReader f = Open(value, path, "a trigger");
        TriggerDefinition trigger = new()
        {
            Driver = f.String("driver"),
            RawEvent = f.String("rawevent"),
            Match = f.Map("if_match"),
            Parameters = f.Map("parameters"),
            Source = ReadSource(f),
            Export = f.Map("export"),
            Description = f.String("description"),
            Meta = f.Any("meta"),
            Location = f.Location,
        };
        if (f.TryGet(["conditions"], out _, out string key))
        {
            report.Warn(f.Error(key, "is not read by Honeydipper (it was replaced by if_match); the criteria are ignored"));
        }

        report.UnknownKeys(f);
        return trigger;
    }

    public static FunctionDefinition ReadFunction(object? value, string path, ReadReport report)
    {
        FieldReader f = Open(value, path, "a function");
        FunctionDefinition function = new()
        {
            Driver = f.String("driver"),
            RawAction = f.String("rawaction"),
            Parameters = f.Map("parameters"),
            Target = ReadTarget(f),
            Export = f.Map("export"),
            ExportOnSuccess = f.Map("export_on_success"),
            ExportOnFailure = f.Map("export_on_failure"),
            Description = f.String("description"),
            Meta = f.Any("meta"),
            Location = f.Location,
        };
        report.UnknownKeys(f);
        return function;
    }

    public static SystemDefinition ReadSystem(object? value, string path, ReadReport report)
    {
        if (value is null)
        {
            return SystemDefinition.Empty;
        }

        FieldReader f = Open(value, path, "a system");
        Dictionary<string, TriggerDefinition> triggers = new(StringComparer.Ordinal);
        foreach ((string name, object? trigger) in f.Map("triggers") ?? EmptyMap)
        {
            triggers[name] = ReadTrigger(trigger, FieldReader.Join(f.Path, "triggers." + name), report);
        }

        Dictionary<string, FunctionDefinition> functions = new(StringComparer.Ordinal);
        foreach ((string name, object? function) in f.Map("functions") ?? EmptyMap)
        {
            functions[name] = ReadFunction(function, FieldReader.Join(f.Path, "functions." + name), report);
        }

        SystemDefinition system = new()
        {
            Data = f.Map("data"),
            Triggers = triggers,
            Functions = functions,
            Extends = f.StringList("extends") ?? [],
            Description = f.String("description"),
            Meta = f.Any("meta"),
            Location = f.Location,
        };
        report.UnknownKeys(f);
        return system;
    }

    public static RuleDefinition ReadRule(object? value, string path, ReadReport report)
    {
        FieldReader f = Open(value, path, "a rule");
        f.TryGet(["when"], out object? when, out _);
        f.TryGet(["do"], out object? action, out _);
        RuleDefinition rule = new()
        {
            When = when is null ? TriggerDefinition.Empty : ReadTrigger(when, FieldReader.Join(path, "when"), report),
            Do = action is null ? WorkflowDefinition.Empty : WorkflowReader.Read(action, FieldReader.Join(path, "do"), report),
            Location = f.Location,
        };
        report.UnknownKeys(f);
        return rule;
    }

    public static RepoInfo ReadRepo(object? value, string path, ReadReport report)
    {
        FieldReader f = Open(value, path, "a repository (repo, branch, path, initFile)");
        RepoInfo repo = new()
        {
            Repo = f.String("repo"),
            Branch = f.String("branch"),
            Path = f.String("path"),
            InitFile = f.String("initfile"),
            Name = f.String("name"),
            Description = f.String("description"),
            KeyFile = f.String("keyfile"),
            KeyPassEnv = f.String("keypassenv"),
        };
        if (repo.Repo.Length == 0)
        {
            throw new ConfigException(f.Location, path, "a repository needs \"repo\": a Git URL or a local folder");
        }

        report.UnknownKeys(f);
        return repo;
    }

    /// <summary>Opens a map for reading; anything else is an error naming what was expected.</summary>
    public static FieldReader Open(object? value, string path, string what) => value switch
    {
        IDictionary<string, object?> map => new FieldReader(map, path),
        null => new FieldReader(new Dictionary<string, object?>(), path),
        _ => throw new ConfigException(null, path, $"must be {what} written as a map, not {FieldReader.Describe(value)}"),
    };

    private static EventSource ReadSource(FieldReader f)
    {
        if (!f.TryGet(["source"], out object? value, out _) || value is null)
        {
            return EventSource.None;
        }

        FieldReader source = Open(value, FieldReader.Join(f.Path, "source"), "a source {system, trigger}");
        return new EventSource(source.String("system"), source.String("trigger"));
    }

    private static FunctionTarget ReadTarget(FieldReader f)
    {
        if (!f.TryGet(["target"], out object? value, out _) || value is null)
        {
            return FunctionTarget.None;
        }

        FieldReader target = Open(value, FieldReader.Join(f.Path, "target"), "a target {system, function}");
        return new FunctionTarget(target.String("system"), target.String("function"));
    }

    private static readonly Dictionary<string, object?> EmptyMap = new(StringComparer.Ordinal);
}
