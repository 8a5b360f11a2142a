using Honeydipper.Core.Config.Model;

namespace Honeydipper.Core.Config.Loading;

/// <summary>
/// Gives the loader the files of a repository: a local folder it may read. The engine core knows nothing of Git;
/// the Git sync plugs in here.
/// </summary>
public interface IRepoProvider
{
    /// <summary>The local folder that holds the repository's files.</summary>
    /// <param name="repo">The repository as written in <c>repos</c> (or the bootstrap repository).</param>
    /// <param name="referrerRoot">The folder of the repository that listed it; relative local paths are relative to it.</param>
    /// <exception cref="ConfigException">The repository cannot be reached; the message says why and what to do.</exception>
    string GetRoot(RepoInfo repo, string? referrerRoot);

    /// <summary>True when the repository is on this machine (no network needed to read it).</summary>
    bool IsLocal(RepoInfo repo);
}
