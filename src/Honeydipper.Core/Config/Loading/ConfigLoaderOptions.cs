namespace Honeydipper.Core.Config.Loading;

/// <summary>Renders a file's load-time <c>{% %}</c> templates: (text, HD_* variables without the prefix, file name) → text.</summary>
public delegate string LoadTimeRenderer(string text, IReadOnlyDictionary<string, string> hdEnvironment, string fileName);

/// <summary>How <see cref="ConfigLoader"/> reaches files, repositories and the environment.</summary>
public sealed record ConfigLoaderOptions
{
    /// <summary>Environment variables: <c>HD_*</c> for load-time templates, <c>REPO_OVERRIDE*</c> for repositories.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = ProcessEnvironment();

    /// <summary>Where repositories come from; by default local folders, <c>file://</c> URLs and overrides.</summary>
    public IRepoProvider? RepoProvider { get; init; }

    /// <summary>The load-time template pass (Go templates with <c>{% %}</c>); null makes a file that uses one an error.</summary>
    public LoadTimeRenderer? LoadTimeRenderer { get; init; } = (text, env, file) => Templates.LoadTimeTemplate.Render(text, env, file);

    /// <summary>
    /// Leave remote repositories listed in <c>repos</c> unloaded, with a warning (the original's configcheck skips
    /// <c>repos</c> unless CHECK_REMOTE is set); local and overridden ones load either way.
    /// </summary>
    public bool SkipRemoteRepos { get; init; }

    /// <summary>Larger files are refused: no real configuration file comes near it, and a huge one is a mistake.</summary>
    public long MaxFileBytes { get; init; } = 4 * 1024 * 1024;

    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        Dictionary<string, string> env = new(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            env[(string)entry.Key] = entry.Value as string ?? string.Empty;
        }

        return env;
    }
}
