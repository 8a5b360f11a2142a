using Honeydipper.Core.Config.Model;

namespace Honeydipper.Core.Config.Reading;

/// <summary>Reads the top-level keys of one configuration file into a <see cref="DataSet"/>.</summary>
internal static class ConfigFileReader
{
    public static DataSet Read(object? root, ReadReport report)
    {
        if (root is null)
        {
            return DataSet.Empty;
        }

        FieldReader f = DefinitionReader.Open(root, string.Empty, "a configuration file");
        DataSet set = new()
        {
            Repos = List(f, "repos", (value, path) => DefinitionReader.ReadRepo(value, path, report)),
            Includes = f.StringList("includes") ?? [],
            Drivers = f.Map("drivers") ?? DataSet.Empty.Drivers,
            Systems = Named(f, "systems", (value, path) => DefinitionReader.ReadSystem(value, path, report)),
            Rules = List(f, "rules", (value, path) => DefinitionReader.ReadRule(value, path, report)),
            Workflows = Named(f, "workflows", (value, path) => WorkflowReader.Read(value, path, report)),
            Contexts = Contexts(f) ?? DataSet.Empty.Contexts,
        };
        report.UnknownKeys(f);
        return set;
    }

    private static Dictionary<string, T> Named<T>(FieldReader f, string key, Func<object?, string, T> read)
    {
        Dictionary<string, T> result = new(StringComparer.Ordinal);
        foreach ((string name, object? value) in f.Map(key) ?? new Dictionary<string, object?>())
        {
            result[name] = read(value, $"{key}.{name}");
        }

        return result;
    }

    private static List<T> List<T>(FieldReader f, string key, Func<object?, string, T> read)
    {
        if (!f.TryGet([key], out object? value, out string actual) || value is null)
        {
            return [];
        }

        if (value is not IList<object?> list)
        {
            throw f.Error(actual, $"must be a list, not {FieldReader.Describe(value)}");
        }

        List<T> result = new(list.Count);
        for (int i = 0; i < list.Count; i++)
        {
            result.Add(read(list[i], $"{actual}[{i}]"));
        }

        return result;
    }

    private static IDictionary<string, object?>? Contexts(FieldReader f)
    {
        IDictionary<string, object?>? contexts = f.Map("contexts");
        if (contexts is null)
        {
            return null;
        }

        foreach ((string name, object? value) in contexts)
        {
            if (value is not (IDictionary<string, object?> or null))
            {
                throw new ConfigException(
                    Yaml.SourceLocations.OfKey(contexts, name),
                    "contexts." + name,
                    $"must be a map of workflow names (or \"*\", \"_events\") to data, not {FieldReader.Describe(value)}");
            }
        }

        return contexts;
    }
}
