using System.Collections.Concurrent;
using Honeydipper.Core.Config;
using Honeydipper.Core.Config.Loading;
using Honeydipper.Core.Config.Model;

namespace Honeydipper.GitOps;

/// <summary>
/// Repositories for the loader from Git: the bootstrap repository at the commit its source names, and every
/// repository that <c>repos</c> lists by URL (<c>file://</c> included) synced through the same mirror, on its branch.
/// <c>REPO_OVERRIDE</c> folders still win. A plain folder name is read inside the repository that lists it and may
/// not leave it. Credentials go only to the host of the bootstrap URL.
/// </summary>
public sealed class GitRepoProvider(GitMirror mirror, RepoInfo bootstrap, GitSource source, GitCredentials? credentials,
    IReadOnlyDictionary<string, string> overrides, CancellationToken cancellationToken) : IRepoProvider
{
    private readonly LocalRepoProvider _local = new(overrides);
    private readonly ConcurrentDictionary<RepoInfo, string> _commits = new();
    private readonly ConcurrentDictionary<GitSource, GitSnapshot> _snapshots = new();

    /// <summary>The commit each Git repository was loaded at, the bootstrap one included.</summary>
    public IReadOnlyDictionary<RepoInfo, string> Commits => _commits;

    public string GetRoot(RepoInfo repo, string? referrerRoot)
    {
        ArgumentNullException.ThrowIfNull(repo);
        if (overrides.ContainsKey(repo.Repo))
        {
            return _local.GetRoot(repo, referrerRoot);
        }

        if (repo.Repo == bootstrap.Repo && repo.Branch == bootstrap.Branch)
        {
            return Synced(repo, source, credentials);
        }

        if (IsGit(repo.Repo))
        {
            GitSource other = new(repo.Repo) { Branch = string.IsNullOrEmpty(repo.Branch) ? "main" : repo.Branch };
            return Synced(repo, other, SameHost(repo.Repo, source.Url) ? credentials : null);
        }

        string root = referrerRoot ?? throw new ConfigException($"repo {repo}: a folder name needs a repository around it; give a Git URL");
        string full = Path.GetFullPath(Path.Combine(root, repo.Repo));
        if (!full.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal) && full != Path.GetFullPath(root))
        {
            throw new ConfigException($"repo {repo}: the folder {repo.Repo} is outside the repository that lists it; give a Git URL");
        }

        return _local.GetRoot(repo with { Repo = full }, root);
    }

    public bool IsLocal(RepoInfo repo) => repo is not null && (overrides.ContainsKey(repo.Repo) || !IsGit(repo.Repo));

    /// <summary>URLs (<c>https://</c>, <c>ssh://</c>, <c>file://</c>, ...) and scp-style addresses are fetched with Git.</summary>
    public static bool IsGit(string location) => LocalRepoProvider.LooksRemote(location ?? string.Empty);

    /// <summary>Fetches the bootstrap repository (once per provider) and returns its commit.</summary>
    /// <exception cref="GitSyncException">It cannot be fetched or the ref does not exist.</exception>
    public GitSnapshot SyncBootstrap()
    {
        GitSnapshot snapshot = _snapshots.GetOrAdd(source, s => mirror.Sync(s, credentials, cancellationToken));
        _commits[bootstrap] = snapshot.Commit;
        return snapshot;
    }

    private string Synced(RepoInfo repo, GitSource from, GitCredentials? auth)
    {
        try
        {
            GitSnapshot snapshot = _snapshots.GetOrAdd(from, s => mirror.Sync(s, auth, cancellationToken));
            _commits[repo] = snapshot.Commit;
            return snapshot.Root;
        }
        catch (GitSyncException ex)
        {
            throw new ConfigException($"repo {repo}: {ex.Message}");
        }
    }

    private static bool SameHost(string a, string b) =>
        Uri.TryCreate(a, UriKind.Absolute, out Uri? x) && Uri.TryCreate(b, UriKind.Absolute, out Uri? y) && x.Scheme == y.Scheme
        && string.Equals(x.Host, y.Host, StringComparison.OrdinalIgnoreCase) && x.Port == y.Port;
}
