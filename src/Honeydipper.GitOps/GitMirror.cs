using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using LibGit2Sharp;

namespace Honeydipper.GitOps;

/// <summary>
/// A cache of Git repositories on local disk. Each URL is mirrored into a bare repository (all branches and tags,
/// fetched with pruning, so force-pushes and deleted branches are seen as they are); each commit that is asked for
/// is written out once into its own folder, which then never changes, so a configuration loaded from it stays
/// readable while the next commit is fetched, and the last good commit stays on disk when a new one is bad.
/// </summary>
/// <remarks>
/// LibGit2Sharp: a real Git implementation in-process, so the image needs no git binary or shell. Thread-safe:
/// work on one URL is serialised, different URLs proceed in parallel.
/// </remarks>
public sealed class GitMirror(string cacheRoot)
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    /// <summary>The most a commit's files may weigh when written out; a configuration repository is far smaller.</summary>
    public long MaxSnapshotBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>The most files a commit may hold when written out.</summary>
    public int MaxSnapshotFiles { get; init; } = 50_000;

    public string CacheRoot { get; } = Path.GetFullPath(cacheRoot);

    /// <summary>Fetches the repository and writes out the commit the source names.</summary>
    /// <exception cref="GitSyncException">Unreachable, refused credentials, or the branch, tag or commit does not exist.</exception>
    public GitSnapshot Sync(GitSource source, GitCredentials? credentials = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        string folder = Folder(source.Url);
        SemaphoreSlim gate = Locks.GetOrAdd(folder, _ => new SemaphoreSlim(1, 1));
        gate.Wait(cancellationToken);
        try
        {
            using Repository repo = Open(folder, source.Url);
            Fetch(repo, source, credentials, cancellationToken);
            Commit commit = Resolve(repo, source);
            return new GitSnapshot(commit.Sha, WriteOut(commit, folder, cancellationToken));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Deletes the written-out commits of this URL except the ones to keep (the current and last good ones).</summary>
    public void Retain(string url, IEnumerable<string> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        HashSet<string> kept = new(keep, StringComparer.Ordinal);
        string trees = Path.Combine(Folder(url), "trees");
        if (!Directory.Exists(trees))
        {
            return;
        }

        foreach (string dir in Directory.EnumerateDirectories(trees))
        {
            if (!kept.Contains(Path.GetFileName(dir)))
            {
                TryDelete(dir);
            }
        }
    }

    private string Folder(string url) =>
        Path.Combine(CacheRoot, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..24]);

    private static Repository Open(string folder, string url)
    {
        string gitDir = Path.Combine(folder, "repo.git");
        if (!Repository.IsValid(gitDir))
        {
            TryDelete(gitDir);
            Directory.CreateDirectory(folder);
            Repository.Init(gitDir, isBare: true);
        }

        Repository repo = new(gitDir);
        if (repo.Network.Remotes["origin"] is not { } origin)
        {
            repo.Network.Remotes.Add("origin", url);
        }
        else if (origin.Url != url)
        {
            repo.Network.Remotes.Update("origin", r => r.Url = url);
        }

        return repo;
    }

    private static void Fetch(Repository repo, GitSource source, GitCredentials? credentials, CancellationToken cancellationToken)
    {
        FetchOptions options = new()
        {
            Prune = true,
            TagFetchMode = TagFetchMode.None,
            OnTransferProgress = _ => !cancellationToken.IsCancellationRequested,
            OnProgress = _ => !cancellationToken.IsCancellationRequested,
        };
        if (credentials is { Password: not null })
        {
            options.CredentialsProvider = (_, user, _) => new UsernamePasswordCredentials
            {
                Username = credentials.Username ?? (string.IsNullOrEmpty(user) ? "git" : user),
                Password = credentials.Password,
            };
        }

        try
        {
            Commands.Fetch(repo, "origin", ["+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"], options, logMessage: null);
        }
        catch (LibGit2SharpException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GitSyncException($"cannot fetch {Redact(source.Url)}: {ex.Message.TrimEnd('.')}", ex);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private static Commit Resolve(Repository repo, GitSource source)
    {
        string url = Redact(source.Url);
        if (source.Commit is { Length: > 0 } sha)
        {
            return repo.Lookup<Commit>(sha)
                ?? throw new GitSyncException($"commit {sha} is not on any branch or tag of {url}: check spec.commit");
        }

        if (source.Tag is { Length: > 0 } tag)
        {
            return repo.Tags[tag]?.PeeledTarget as Commit
                ?? throw new GitSyncException($"tag {tag} does not exist in {url} (or is not a commit): check spec.tag");
        }

        Branch? branch = repo.Branches[$"origin/{source.Branch}"];
        if (branch?.Tip is not { } tip)
        {
            string known = string.Join(", ", repo.Branches.Where(b => b.IsRemote).Select(b => b.FriendlyName["origin/".Length..]).Order(StringComparer.Ordinal).Take(10));
            throw new GitSyncException($"branch {source.Branch} does not exist in {url} (deleted?); its branches: {(known.Length > 0 ? known : "none")}: check spec.branch");
        }

        return tip;
    }

    private string WriteOut(Commit commit, string folder, CancellationToken cancellationToken)
    {
        string target = Path.Combine(folder, "trees", commit.Sha);
        if (Directory.Exists(target))
        {
            return target;
        }

        string temporary = Path.Combine(folder, "trees", $".{commit.Sha}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        try
        {
            long bytes = 0;
            int files = 0;
            Write(commit.Tree, temporary, ref bytes, ref files, cancellationToken);
            Directory.Move(temporary, target);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        return target;
    }

    private void Write(Tree tree, string dir, ref long bytes, ref int files, CancellationToken cancellationToken)
    {
        foreach (TreeEntry entry in tree)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (entry.Name is "." or ".." or "" || entry.Name.Contains('/', StringComparison.Ordinal) || entry.Name.Contains('\0', StringComparison.Ordinal))
            {
                throw new GitSyncException($"the commit holds an entry named \"{entry.Name}\", which no checkout would write: refusing it");
            }

            string path = Path.Combine(dir, entry.Name);
            switch (entry.TargetType)
            {
                case TreeEntryTargetType.Tree:
                    Directory.CreateDirectory(path);
                    Write((Tree)entry.Target, path, ref bytes, ref files, cancellationToken);
                    break;
                case TreeEntryTargetType.Blob when entry.Mode == Mode.SymbolicLink:
                    File.CreateSymbolicLink(path, ((Blob)entry.Target).GetContentText());
                    break;
                case TreeEntryTargetType.Blob:
                    Blob blob = (Blob)entry.Target;
                    bytes += blob.Size;
                    if (++files > MaxSnapshotFiles || bytes > MaxSnapshotBytes)
                    {
                        throw new GitSyncException($"the commit holds more than {MaxSnapshotFiles} files or {MaxSnapshotBytes / (1024 * 1024)} MiB: a configuration repository should be far smaller (use spec.path to pick a folder)");
                    }

                    using (Stream content = blob.GetContentStream())
                    using (FileStream file = File.Create(path))
                    {
                        content.CopyTo(file);
                    }

                    break;
                default:
                    break; // submodules are not followed
            }
        }
    }

    /// <summary>A URL without the user information it may carry (<c>https://user:token@host/...</c>).</summary>
    public static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && uri.UserInfo.Length > 0 ? url.Replace(uri.UserInfo + "@", string.Empty, StringComparison.Ordinal) : url;

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for the next retention pass.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
