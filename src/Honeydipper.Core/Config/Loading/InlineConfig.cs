using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Config.Reading;

namespace Honeydipper.Core.Config.Loading;

/// <summary>A configuration written as data (a scenario's inline <c>config</c>, an API request): one file's worth, no includes.</summary>
public static class InlineConfig
{
    public static ConfigLoadResult Load(object? data, string sourceName)
    {
        List<ConfigProblem> problems = [];
        DataSet set;
        try
        {
            ReadReport report = new();
            set = ConfigFileReader.Read(data, report);
            problems.AddRange(report.Warnings.Select(w => ConfigProblem.FromException(w, ProblemSeverity.Warning)));
        }
        catch (ConfigException ex)
        {
            problems.Add(ConfigProblem.FromException(ex));
            set = DataSet.Empty;
        }

        if (set.Includes.Count > 0 || set.Repos.Count > 0)
        {
            problems.Add(new ConfigProblem(ProblemSeverity.Warning, null, "includes and repos are not followed in an inline configuration; point to a folder instead") { Subject = sourceName });
        }

        Dictionary<string, SystemDefinition> systems = SystemExtender.Extend(set.Systems, problems);
        HoneydipperConfig config = new() { Systems = systems, Rules = set.Rules, Workflows = set.Workflows, Contexts = set.Contexts, Drivers = set.Drivers };
        return new ConfigLoadResult(config, problems, []);
    }
}
