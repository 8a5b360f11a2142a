using Honeydipper.Core.Config;
using Honeydipper.Core.Config.Loading;
using Honeydipper.Core.Config.Validation;

namespace Honeydipper.Core.Tests.Config;

/// <summary>A configuration repository written to a fresh temporary folder, removed on dispose.</summary>
internal sealed class TempRepo : IDisposable
{
    public TempRepo()
    {
        Root = Path.Combine(Path.GetTempPath(), "hd-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>Writes a file (creating folders); YAML text is written as given.</summary>
    public TempRepo Write(string relative, string text)
    {
        string path = PathOf(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    public ConfigLoadResult Load(ConfigLoaderOptions? options = null, string initFile = "") =>
        ConfigLoader.LoadFolder(Root, initFile, options ?? new ConfigLoaderOptions { Environment = new Dictionary<string, string>() });

    /// <summary>Loads and runs configcheck; returns every problem as text (file:line: ...).</summary>
    public List<string> Check(ConfigLoaderOptions? options = null)
    {
        ConfigLoadResult result = Load(options);
        return [.. result.Problems.Concat(ConfigValidator.Validate(result.Config)).Select(p => p.ToString())];
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing a test over it is not.
        }
    }
}
