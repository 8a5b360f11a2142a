namespace Honeydipper.GitOps;

/// <summary>A Git repository and what to check out of it: a commit, else a tag, else a branch (main by default).</summary>
public sealed record GitSource(string Url)
{
    public string Branch { get; init; } = "main";

    public string? Tag { get; init; }

    public string? Commit { get; init; }

    /// <summary>How the source is named in messages: <c>url@branch</c>, <c>url@tag:v1</c> or <c>url@abc1234</c>.</summary>
    public override string ToString() =>
        Commit is { Length: > 0 } c ? $"{Url}@{(c.Length > 12 ? c[..12] : c)}" : Tag is { Length: > 0 } t ? $"{Url}@tag:{t}" : $"{Url}@{Branch}";
}

/// <summary>
/// How to authenticate to a repository: HTTPS basic (a token goes in <see cref="Password"/>, with any user name).
/// The values come from a Secret and are never logged.
/// </summary>
public sealed record GitCredentials
{
    public string? Username { get; init; }

    public string? Password { get; init; }

    public override string ToString() => $"GitCredentials {{ Username = {Username}, Password = {(Password is null ? "none" : "***")} }}";
}

/// <summary>One commit of a repository, its files written out in a folder that nothing changes afterwards.</summary>
/// <param name="Commit">The full commit id.</param>
/// <param name="Root">The folder holding the commit's files.</param>
public sealed record GitSnapshot(string Commit, string Root);

/// <summary>A repository could not be fetched or the wanted ref does not exist; the message says which and why.</summary>
public sealed class GitSyncException : Exception
{
    public GitSyncException(string message)
        : base(message)
    {
    }

    public GitSyncException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public GitSyncException()
    {
    }
}
