using Honeydipper.Core.Scenarios;

namespace Honeydipper.Cli.Commands;

/// <summary>Finds scenario files: the files named, and in folders every YAML file with a top-level <c>scenarios:</c>.</summary>
internal static class ScenarioFiles
{
    public static List<string> Find(IEnumerable<string> paths, out List<string> missing)
    {
        List<string> files = [];
        missing = [];
        foreach (string path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                    .Where(ScenarioReader.IsScenarioFile)
                    .Order(StringComparer.Ordinal));
            }
            else
            {
                missing.Add(path);
            }
        }

        return files;
    }
}
