using Honeydipper.Core.Config;
using Honeydipper.Core.Config.Loading;
using Honeydipper.GitOps;

namespace Honeydipper.Cli.Local;

/// <summary>Where <c>honeydipper local</c> reads its configuration from, and how it notices a change.</summary>
internal interface ILocalConfigSource
{
    /// <summary>How the source is named to the user.</summary>
    string Name { get; }

    /// <summary>How often to look for a change.</summary>
    TimeSpan PollInterval { get; }

    ConfigLoadResult Load();

    /// <summary>Changes whenever the configuration may have changed.</summary>
    string Fingerprint();
}

/// <summary>A folder on disk (a Honeydipper repository or manifests): its files' times and sizes tell a change.</summary>
internal sealed class FolderConfigSource(string folder, ConfigLoaderOptions loader) : ILocalConfigSource
{
    public string Name => folder;

    public TimeSpan PollInterval => TimeSpan.FromSeconds(2);

    public ConfigLoadResult Load() => ConfigFolder.Load(folder, options: loader);

    public string Fingerprint() => !Directory.Exists(folder) ? string.Empty : string.Join('|', Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(f => $"{f}:{File.GetLastWriteTimeUtc(f).Ticks}:{new FileInfo(f).Length}"));
}

/// <summary>
/// A Git repository by URL, synced with the same mirror the operator's ConfigRepo uses: a new commit on the branch
/// is a change; an unreachable repository keeps the configuration in force.
/// </summary>
internal sealed class GitConfigSource(GitMirror mirror, ConfigRepoSource source, TimeSpan pollInterval) : ILocalConfigSource
{
    private string _commit = string.Empty;

    public string Name => $"{GitMirror.Redact(source.Git.Url)}@{source.Git.Branch}";

    public TimeSpan PollInterval => pollInterval;

    /// <summary>The commit last loaded.</summary>
    public string Commit => _commit;

    public ConfigLoadResult Load()
    {
        try
        {
            ConfigSyncResult result = ConfigSync.Load(mirror, source);
            _commit = result.Commit;
            return new ConfigLoadResult(result.Config, result.Problems, []);
        }
        catch (GitSyncException ex)
        {
            return new ConfigLoadResult(Core.Config.Model.HoneydipperConfig.Empty, [new ConfigProblem(ProblemSeverity.Error, null, ex.Message)], []);
        }
    }

    public string Fingerprint()
    {
        try
        {
            return mirror.Sync(source.Git, source.Credentials).Commit;
        }
        catch (GitSyncException)
        {
            return _commit; // unreachable for now: nothing changed as far as we can tell
        }
    }

    /// <summary>The source for a <c>--config</c> that is a Git URL, or null for a folder.</summary>
    public static GitConfigSource? For(string config, string branch, IReadOnlyDictionary<string, string> environment, TimeSpan pollInterval)
    {
        if (!GitRepoProvider.IsGit(config))
        {
            return null;
        }

        string cacheHome = environment.GetValueOrDefault("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(environment.GetValueOrDefault("HOME") ?? Path.GetTempPath(), ".cache");
        GitCredentials? credentials = environment.GetValueOrDefault("HD_GIT_TOKEN") is { Length: > 0 } token
            ? new GitCredentials { Username = environment.GetValueOrDefault("HD_GIT_USERNAME") ?? "x-access-token", Password = token }
            : null;
        return new GitConfigSource(new GitMirror(Path.Combine(cacheHome, "honeydipper", "git")), new ConfigRepoSource(new GitSource(config) { Branch = branch })
        {
            Credentials = credentials,
            Environment = environment,
        }, pollInterval);
    }
}
