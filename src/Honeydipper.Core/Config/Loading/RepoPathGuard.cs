namespace Honeydipper.Core.Config.Loading;

/// <summary>Keeps file names inside their repository, as the original's <c>normalizeFilePath</c> does (and symlinks too).</summary>
public static class RepoPathGuard
{
    /// <summary>The full path of <paramref name="relative"/> from <paramref name="folder"/>, which must stay inside <paramref name="root"/>.</summary>
    /// <exception cref="ConfigException">The path leads outside the repository.</exception>
    public static string Inside(string root, string folder, string relative)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(relative);
        string rootFull = Path.GetFullPath(root).TrimEnd('/');
        string full = Path.GetFullPath(Path.Combine(folder, relative));
        if (!full.StartsWith(rootFull + "/", StringComparison.Ordinal))
        {
            throw new ConfigException($"file error: invalid path: {full} is outside the repository {rootFull}");
        }

        // A symlink inside the repository may still point outside it; follow it and check again.
        FileSystemInfo info = File.Exists(full) ? new FileInfo(full) : new DirectoryInfo(full);
        if (info.Exists && info.LinkTarget is not null)
        {
            string target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
            if (!target.StartsWith(rootFull + "/", StringComparison.Ordinal))
            {
                throw new ConfigException($"file error: invalid path: {relative} links to {target}, outside the repository {rootFull}");
            }
        }

        return full;
    }
}
