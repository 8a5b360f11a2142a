namespace Honeydipper.Core.Config.Model;

/// <summary>
/// A configuration repository to load (Honeydipper's RepoInfo). Identity is every field: the same URL on another
/// branch or path is another repository, as in the original.
/// </summary>
public sealed record RepoInfo
{
    /// <summary>A Git URL or a local folder.</summary>
    public string Repo { get; init; } = string.Empty;

    /// <summary>The branch to check out; empty means <c>main</c> for Git and "as it is on disk" for a local folder.</summary>
    public string Branch { get; init; } = string.Empty;

    /// <summary>The folder inside the repository that holds the init file; empty means the root.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>The first file to load; empty means <c>init.yaml</c>.</summary>
    public string InitFile { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public string Description { get; init; } = string.Empty;

    /// <summary>Path of an SSH deploy key for <c>git@</c> URLs.</summary>
    public string KeyFile { get; init; } = string.Empty;

    /// <summary>Name of the environment variable holding the deploy key's passphrase.</summary>
    public string KeyPassEnv { get; init; } = string.Empty;

    public string EffectivePath => string.IsNullOrEmpty(Path) ? "/" : Path;

    public string EffectiveInitFile => string.IsNullOrEmpty(InitFile) ? "init.yaml" : InitFile;

    /// <summary>How the repository is named in messages.</summary>
    public override string ToString() => string.IsNullOrEmpty(Branch) ? Repo : $"{Repo}@{Branch}";
}
