using Honeydipper.Core.Config;
using Honeydipper.Core.Config.Loading;
using Honeydipper.Core.Config.Manifests;
using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Config.Validation;
using Honeydipper.Core.Yaml;

namespace Honeydipper.GitOps;

/// <summary>What a configuration repository asks for: where it is and where its configuration starts.</summary>
public sealed record ConfigRepoSource(GitSource Git)
{
    /// <summary>The folder inside the repository; <c>/</c> for its root.</summary>
    public string Path { get; init; } = "/";

    public string InitFile { get; init; } = "init.yaml";

    public GitCredentials? Credentials { get; init; }

    /// <summary>The namespace the objects go to: a manifest naming another is refused.</summary>
    public string? Namespace { get; init; }

    /// <summary>Driver types the cluster can run (a Driver object is written for each one the configuration declares).</summary>
    public IReadOnlySet<string> RunnableDrivers { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Environment for the loader: <c>HD_*</c> for <c>{% %}</c> templates, <c>REPO_OVERRIDE*</c>.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>How the repository's configuration is written.</summary>
public enum ConfigRepoFormat
{
    /// <summary>A Honeydipper repository: init file, includes, repos.</summary>
    Honeydipper,

    /// <summary>Plain honeydipper.io manifests, applied as they are.</summary>
    Manifests,
}

/// <summary>One attempt at a commit: the objects it defines, or why it cannot be used.</summary>
/// <param name="Commit">The commit of the repository itself.</param>
/// <param name="Objects">The objects to apply (apiVersion, kind, metadata, spec), when there are no errors.</param>
/// <param name="Problems">Errors (nothing may be applied) and warnings, with file and line.</param>
/// <param name="RepoCommits">The commit of every Git repository the configuration was assembled from.</param>
public sealed record ConfigSyncResult(string Commit, ConfigRepoFormat Format, IReadOnlyList<Dictionary<string, object?>> Objects,
    IReadOnlyList<ConfigProblem> Problems, IReadOnlyDictionary<string, string> RepoCommits)
{
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);

    /// <summary>The first error, as <c>file:line: subject: path: message</c>, and how many more there are.</summary>
    public string ErrorSummary()
    {
        List<ConfigProblem> errors = [.. Problems.Where(p => p.Severity == ProblemSeverity.Error)];
        return errors.Count switch
        {
            0 => string.Empty,
            1 => errors[0].ToString(),
            _ => $"{errors[0]} (and {errors.Count - 1} more: {string.Join("; ", errors.Skip(1).Take(4))})",
        };
    }
}

/// <summary>
/// Fetches a configuration repository, loads it exactly as <c>honeydipper validate</c> would (init file, includes,
/// <c>repos</c> fetched too, <c>REPO_OVERRIDE</c>, <c>{% %}</c>, <c>@:file</c>), validates it and turns it into the
/// objects to apply; or reads a folder of plain manifests, refusing anything that is not one of our configuration
/// kinds in the repository's own namespace ("repo jailing").
/// </summary>
public static class ConfigSync
{
    /// <exception cref="GitSyncException">The repository cannot be fetched or the ref does not exist.</exception>
    public static ConfigSyncResult Load(GitMirror mirror, ConfigRepoSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mirror);
        ArgumentNullException.ThrowIfNull(source);
        RepoInfo bootstrap = new()
        {
            Repo = source.Git.Url,
            Branch = source.Git.Branch,
            Path = source.Path == "/" ? string.Empty : source.Path,
            InitFile = source.InitFile,
        };
        IReadOnlyDictionary<string, string> overrides;
        try
        {
            overrides = RepoOverrides.FromEnvironment(source.Environment);
        }
        catch (ConfigException ex)
        {
            throw new GitSyncException(ex.Message, ex);
        }

        GitRepoProvider provider = new(mirror, bootstrap, source.Git, source.Credentials, overrides, cancellationToken);
        GitSnapshot snapshot = provider.SyncBootstrap();
        string folder = System.IO.Path.GetFullPath(System.IO.Path.Combine(snapshot.Root, source.Path.TrimStart('/')));
        if (!folder.StartsWith(snapshot.Root, StringComparison.Ordinal) || !Directory.Exists(folder))
        {
            return Failed(snapshot, $"spec.path {source.Path} is not a folder of the repository at this commit");
        }

        if (!File.Exists(System.IO.Path.Combine(folder, source.InitFile)) && ManifestLoader.HoldsManifests(folder))
        {
            return Manifests(snapshot, folder, source);
        }

        ConfigLoader loader = new(new ConfigLoaderOptions { Environment = source.Environment, RepoProvider = provider });
        ConfigLoadResult loaded = loader.Load(bootstrap);
        List<ConfigProblem> problems = [.. loaded.Problems];
        if (!loaded.HasErrors)
        {
            problems.AddRange(ConfigValidator.Validate(loaded.Config));
        }

        Dictionary<string, string> commits = provider.Commits.ToDictionary(c => c.Key.ToString(), c => c.Value, StringComparer.Ordinal);
        bool failed = problems.Any(p => p.Severity == ProblemSeverity.Error);
        return new ConfigSyncResult(snapshot.Commit, ConfigRepoFormat.Honeydipper,
            failed ? [] : ManifestWriter.Write(loaded.Config, source.RunnableDrivers, source.Namespace), problems, commits);
    }

    private static ConfigSyncResult Manifests(GitSnapshot snapshot, string folder, ConfigRepoSource source)
    {
        ConfigLoadResult checkedAsOne = ManifestLoader.Load(folder);
        List<ConfigProblem> problems = [.. checkedAsOne.Problems.Where(p => !p.Message.Contains("several namespaces", StringComparison.Ordinal))];
        List<Dictionary<string, object?>> objects = [];
        foreach (string file in Directory.EnumerateFiles(folder, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            string display = System.IO.Path.GetRelativePath(folder, file).Replace('\\', '/');
            List<object?> documents;
            try
            {
                documents = GoYaml.ParseAll(File.ReadAllText(file), display);
            }
            catch (YamlLoadException)
            {
                continue; // reported by the check above, with its line
            }

            foreach (IDictionary<string, object?> manifest in documents.OfType<IDictionary<string, object?>>())
            {
                if (Jailed(manifest, display, source.Namespace) is { } refusal)
                {
                    problems.Add(refusal);
                    continue;
                }

                objects.Add(manifest.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));
            }
        }

        bool failed = problems.Any(p => p.Severity == ProblemSeverity.Error);
        return new ConfigSyncResult(snapshot.Commit, ConfigRepoFormat.Manifests, failed ? [] : objects, problems,
            new Dictionary<string, string>(StringComparer.Ordinal) { [source.Git.ToString()] = snapshot.Commit });
    }

    /// <summary>Why a manifest may not be applied by a ConfigRepo, or null when it may.</summary>
    private static ConfigProblem? Jailed(IDictionary<string, object?> manifest, string file, string? ns)
    {
        string apiVersion = manifest.TryGetValue("apiVersion", out object? v) ? v as string ?? string.Empty : string.Empty;
        string kind = manifest.TryGetValue("kind", out object? k) ? k as string ?? string.Empty : string.Empty;
        IDictionary<string, object?>? metadata = manifest.TryGetValue("metadata", out object? m) ? m as IDictionary<string, object?> : null;
        string name = metadata is not null && metadata.TryGetValue("name", out object? n) ? n as string ?? string.Empty : string.Empty;
        string? objectNs = metadata is not null && metadata.TryGetValue("namespace", out object? o) ? o as string : null;
        SourceLocation location = SourceLocations.Of(manifest) ?? new SourceLocation(file, 0, 0);
        string subject = $"{(kind.Length > 0 ? kind : "object")} {name}".TrimEnd();
        if (!apiVersion.StartsWith(ManifestMapper.Group + "/", StringComparison.Ordinal) || !ManifestMapper.ConfigKinds.Contains(kind))
        {
            return new ConfigProblem(ProblemSeverity.Error, location,
                $"{apiVersion} {kind} is not a Honeydipper configuration kind: a ConfigRepo writes only {string.Join(", ", ManifestMapper.ConfigKinds)} of {ManifestMapper.Group}; apply other objects another way")
            { Subject = subject, FieldPath = "kind" };
        }

        if (objectNs is { Length: > 0 } && ns is not null && objectNs != ns)
        {
            return new ConfigProblem(ProblemSeverity.Error, location,
                $"namespace {objectNs} is not the ConfigRepo's namespace {ns}: a ConfigRepo writes only into its own namespace; remove metadata.namespace or move the ConfigRepo")
            { Subject = subject, FieldPath = "metadata.namespace" };
        }

        return null;
    }

    private static ConfigSyncResult Failed(GitSnapshot snapshot, string message) =>
        new(snapshot.Commit, ConfigRepoFormat.Honeydipper, [], [new ConfigProblem(ProblemSeverity.Error, null, message)], new Dictionary<string, string>(StringComparer.Ordinal));
}
