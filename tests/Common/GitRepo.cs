using System.Diagnostics;

namespace Honeydipper.Testing;

/// <summary>
/// A real Git repository made with the git CLI: a bare "origin" (what a server would hold, reached by its file://
/// URL) and a working clone to write commits in and push from, both in a temporary folder.
/// </summary>
internal sealed class GitRepo : IDisposable
{
    private readonly string _dir;

    private GitRepo(string dir)
    {
        _dir = dir;
        Bare = Path.Combine(dir, "origin.git");
        Work = Path.Combine(dir, "work");
    }

    /// <summary>The bare repository's folder.</summary>
    public string Bare { get; }

    /// <summary>The working clone.</summary>
    public string Work { get; }

    public string Url => new Uri(Bare).AbsoluteUri;

    /// <summary>An empty origin (default branch <c>main</c>) and its clone.</summary>
    public static GitRepo Create()
    {
        GitRepo repo = new(Directory.CreateTempSubdirectory("hd-git-").FullName);
        Git(repo._dir, "init", "--quiet", "--bare", "--initial-branch=main", repo.Bare);
        Git(repo._dir, "clone", "--quiet", repo.Bare, repo.Work);
        Git(repo.Work, "checkout", "--quiet", "-B", "main");
        return repo;
    }

    /// <summary>Writes the files (path → content; null deletes), commits them and pushes the branch; returns the commit id.</summary>
    public string Commit(string message, IReadOnlyDictionary<string, string?> files, string branch = "main")
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach ((string path, string? content) in files)
        {
            string full = Path.Combine(Work, path);
            if (content is null)
            {
                File.Delete(full);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        Git(Work, "add", "--all");
        Git(Work, "commit", "--quiet", "--allow-empty", "-m", message);
        Git(Work, "push", "--quiet", "--force", "origin", $"HEAD:refs/heads/{branch}");
        return Head();
    }

    /// <summary>Copies a folder's files into the clone (for fixtures read from ../shared), then commits and pushes.</summary>
    public string CommitFolder(string message, string folder)
    {
        foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(folder, file);
            if (relative.StartsWith(".git", StringComparison.Ordinal))
            {
                continue;
            }

            string target = Path.Combine(Work, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        return Commit(message, new Dictionary<string, string?>());
    }

    /// <summary>Runs git in the working clone and returns its standard output.</summary>
    public string Run(params string[] args) => Git(Work, args);

    public string Head() => Git(Work, "rev-parse", "HEAD").Trim();

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Git(string cwd, params string[] args)
    {
        ProcessStartInfo info = new("git")
        {
            WorkingDirectory = cwd,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])["-c", "user.name=Honeydipper Tests", "-c", "user.email=tests@honeydipper.invalid", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", .. args])
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info) ?? throw new InvalidOperationException("git did not start; install it with apt-get install -y git");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? stdout : throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({process.ExitCode}): {stderr.Result}");
    }
}
