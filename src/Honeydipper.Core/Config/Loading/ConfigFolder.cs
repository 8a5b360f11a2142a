using Honeydipper.Core.Config.Manifests;
using Honeydipper.Core.Config.Model;

namespace Honeydipper.Core.Config.Loading;

/// <summary>Loads a folder that is either a Honeydipper repository (an init file) or a folder of our resource manifests.</summary>
public static class ConfigFolder
{
    /// <summary>Loads the folder, choosing by what it holds: the init file wins, else manifests, else the init file's absence is reported.</summary>
    public static ConfigLoadResult Load(string folder, string initFile = "", ConfigLoaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            return new ConfigLoadResult(HoneydipperConfig.Empty, [new ConfigProblem(ProblemSeverity.Error, null, $"folder {folder} does not exist")], []);
        }

        string init = string.IsNullOrEmpty(initFile) ? "init.yaml" : initFile;
        if (!File.Exists(Path.Combine(folder, init)) && ManifestLoader.HoldsManifests(folder))
        {
            return ManifestLoader.Load(folder);
        }

        return ConfigLoader.LoadFolder(folder, initFile, options);
    }
}
