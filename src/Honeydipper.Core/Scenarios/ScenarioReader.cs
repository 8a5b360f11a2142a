using Honeydipper.Core.Config;
using Honeydipper.Core.Config.Loading;
using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Config.Reading;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Scenarios;

/// <summary>Reads scenario files (see docs/testing.md); bad files give errors with file, line and field.</summary>
public sealed class ScenarioReader(ConfigLoaderOptions? loaderOptions = null)
{
    private readonly Dictionary<string, ConfigLoadResult> _configs = new(StringComparer.Ordinal);

    /// <summary>True when the file is a scenario file (a map with a top-level <c>scenarios</c> key).</summary>
    public static bool IsScenarioFile(string path) =>
        File.ReadLines(path).Take(400).Any(line => line.StartsWith("scenarios:", StringComparison.Ordinal));

    /// <exception cref="ConfigException">The file cannot be read as scenarios.</exception>
    public ScenarioSuite Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        string display = Path.GetRelativePath(Directory.GetCurrentDirectory(), full);
        object? root;
        try
        {
            root = GoYaml.Parse(File.ReadAllText(full), display);
        }
        catch (YamlLoadException ex)
        {
            throw new ConfigException(ex.Location, string.Empty, ex.Reason, ex);
        }

        FieldReader f = DefinitionReader.Open(root, string.Empty, "a scenario file");
        ConfigLoadResult config = LoadConfig(f, Path.GetDirectoryName(full)!, display);
        if (!f.TryGet(["scenarios"], out object? list, out string key) || list is not IList<object?> items)
        {
            throw new ConfigException(f.Location ?? new SourceLocation(display, 0, 0), "scenarios", "a scenario file needs a list of scenarios");
        }

        List<Scenario> scenarios = [];
        for (int i = 0; i < items.Count; i++)
        {
            scenarios.Add(ReadScenario(items[i], $"{key}[{i}]"));
        }

        return new ScenarioSuite(display, config, scenarios);
    }

    private ConfigLoadResult LoadConfig(FieldReader f, string folder, string display)
    {
        f.TryGet(["config"], out object? config, out _);
        switch (config)
        {
            case string path:
                string target = Path.GetFullPath(Path.Combine(folder, path));
                if (!_configs.TryGetValue(target, out ConfigLoadResult? loaded))
                {
                    _configs[target] = loaded = ConfigFolder.Load(target, options: loaderOptions);
                }

                return loaded;
            case IDictionary<string, object?> inline:
                return InlineConfig.Load(inline, display);
            default:
                throw f.Error("config", "must be a folder (relative to this file) or an inline configuration map");
        }
    }

    private static Scenario ReadScenario(object? value, string path)
    {
        FieldReader f = DefinitionReader.Open(value, path, "a scenario");
        string name = f.String("name");
        if (name.Length == 0)
        {
            throw f.Error("name", "every scenario needs a name");
        }

        ReadReport report = new();
        f.TryGet(["do"], out object? inline, out _);
        Scenario scenario = new()
        {
            Name = name,
            Workflow = f.String("workflow"),
            Do = inline is null ? null : WorkflowReader.Read(inline, $"{path}.do", report),
            Event = ReadEvent(f),
            Ctx = f.Map("ctx"),
            Stubs = ReadStubs(f),
            Expect = ReadExpectation(f),
            Location = f.Location,
        };
        int starts = (scenario.Workflow.Length > 0 ? 1 : 0) + (scenario.Do is null ? 0 : 1) + (scenario.Event is null ? 0 : 1);
        if (starts != 1)
        {
            throw new ConfigException(f.Location, path, $"scenario \"{name}\" must start exactly one of: workflow, do, event");
        }

        report.UnknownKeys(f);
        if (report.Warnings.Count > 0)
        {
            throw report.Warnings[0];
        }

        return scenario;
    }

    private static ScenarioEvent? ReadEvent(FieldReader f)
    {
        if (!f.TryGet(["event"], out object? value, out _) || value is null)
        {
            return null;
        }

        FieldReader e = DefinitionReader.Open(value, FieldReader.Join(f.Path, "event"), "an event {driver, rawevent, data}");
        string driver = e.String("driver");
        if (driver.Length == 0)
        {
            throw e.Error("driver", "an event needs the driver that emits it");
        }

        return new ScenarioEvent(driver, e.String("rawevent"), e.Any("data"));
    }

    private static Dictionary<string, StubSequence> ReadStubs(FieldReader f)
    {
        Dictionary<string, StubSequence> stubs = new(StringComparer.Ordinal);
        foreach ((string key, object? value) in f.Map("stubs") ?? new Dictionary<string, object?>())
        {
            string path = FieldReader.Join(f.Path, "stubs." + key);
            stubs[key] = value switch
            {
                IList<object?> list => new StubSequence([.. list.Select((item, i) => ReadAnswer(item, $"{path}[{i}]"))], Repeat: false),
                _ => new StubSequence([ReadAnswer(value, path)], Repeat: true),
            };
        }

        return stubs;
    }

    private static StubAnswer ReadAnswer(object? value, string path)
    {
        FieldReader a = DefinitionReader.Open(value, path, "a stub answer {status, reason, data}");
        string status = a.String("status");
        if (status.Length > 0 && status is not ("success" or "failure" or "error"))
        {
            throw a.Error("status", $"must be success, failure or error, not \"{status}\"");
        }

        return new StubAnswer(status.Length > 0 ? status : "success", a.String("reason"), a.Any("data"));
    }

    private static ScenarioExpectation ReadExpectation(FieldReader f)
    {
        if (!f.TryGet(["expect"], out object? value, out _) || value is null)
        {
            return new ScenarioExpectation();
        }

        FieldReader e = DefinitionReader.Open(value, FieldReader.Join(f.Path, "expect"), "expectations");
        object? runs = e.Any("runs");
        return new ScenarioExpectation
        {
            Calls = Maps(e, "calls"),
            CallsAnyOrder = Maps(e, "calls_any_order"),
            Status = e.TryGet(["status"], out _, out _) ? e.String("status") : null,
            Reason = e.TryGet(["reason"], out _, out _) ? e.String("reason") : null,
            Exported = e.Map("exported"),
            Runs = runs is double d ? (int)d : runs is null ? null : throw e.Error("runs", "must be a number"),
        };
    }

    private static List<IDictionary<string, object?>>? Maps(FieldReader f, string key)
    {
        if (!f.TryGet([key], out object? value, out string actual) || value is null)
        {
            return null;
        }

        return value is IList<object?> list
            ? [.. list.Select((item, i) => item as IDictionary<string, object?> ?? throw f.Error($"{actual}[{i}]", "must be a map describing a call"))]
            : throw f.Error(actual, "must be a list of calls");
    }
}
