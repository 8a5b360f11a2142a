using Honeydipper.Core.Config.Model;

namespace Honeydipper.Core.Config.Loading;

/// <summary>
/// Repositories on this machine: an override folder from <c>REPO_OVERRIDE</c>, a <c>file://</c> URL, or a local folder
/// (relative to the repository that lists it), used as it is on disk. Remote Git URLs are refused with a hint.
/// </summary>
public sealed class LocalRepoProvider(IReadOnlyDictionary<string, string> overrides) : IRepoProvider
{
    public string GetRoot(RepoInfo repo, string? referrerRoot)
    {
        ArgumentNullException.ThrowIfNull(repo);
        if (overrides.TryGetValue(repo.Repo, out string? overridden))
        {
            return Existing(Path.GetFullPath(overridden), repo);
        }

        string location = repo.Repo;
        if (location.StartsWith("file://", StringComparison.Ordinal))
        {
            return Existing(Path.GetFullPath(new Uri(location).LocalPath), repo);
        }

        if (LooksRemote(location))
        {
            throw new ConfigException(
                $"repo {repo}: remote Git repositories are not fetched here; map it to a local folder with " +
                $"REPO_OVERRIDE=\"{repo.Repo} => <folder>\"");
        }

        string full = Path.IsPathRooted(location) ? location : Path.Combine(referrerRoot ?? Directory.GetCurrentDirectory(), location);
        return Existing(Path.GetFullPath(full), repo);
    }

    public bool IsLocal(RepoInfo repo)
    {
        ArgumentNullException.ThrowIfNull(repo);
        return overrides.ContainsKey(repo.Repo) || repo.Repo.StartsWith("file://", StringComparison.Ordinal) || !LooksRemote(repo.Repo);
    }

    /// <summary>URLs and scp-style addresses (<c>git@host:org/repo</c>) name remote repositories.</summary>
    public static bool LooksRemote(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Contains("://", StringComparison.Ordinal) || (location.Contains('@', StringComparison.Ordinal) && location.Contains(':', StringComparison.Ordinal));
    }

    private static string Existing(string folder, RepoInfo repo) => Directory.Exists(folder)
        ? folder
        : throw new ConfigException($"repo {repo}: folder {folder} does not exist");
}
