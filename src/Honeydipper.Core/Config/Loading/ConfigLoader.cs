using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Config.Reading;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Config.Loading;

/// <summary>
/// Loads a Honeydipper configuration repository as the original does (§1.2 of the semantics reference): the init file,
/// its <c>repos</c> and <c>includes</c> depth-first (included files merged before the including one), then every
/// repository assembled dependencies first, then systems extended. A file or repository that fails is skipped and
/// reported; everything else still loads. One instance loads once.
/// </summary>
public sealed class ConfigLoader
{
    private readonly ConfigLoaderOptions _options;
    private readonly IRepoProvider _provider;
    private readonly IReadOnlyDictionary<string, string> _hdEnvironment;
    private readonly Dictionary<RepoInfo, RepoState> _repos = [];
    private readonly List<ConfigProblem> _problems = [];
    private RepoInfo? _bootstrap;

    public ConfigLoader(ConfigLoaderOptions? options = null)
    {
        _options = options ?? new ConfigLoaderOptions();
        _provider = _options.RepoProvider ?? new LocalRepoProvider(RepoOverrides.FromEnvironment(_options.Environment));
        _hdEnvironment = _options.Environment
            .Where(p => p.Key.StartsWith("HD_", StringComparison.Ordinal))
            .ToDictionary(p => p.Key[3..], p => p.Value, StringComparer.Ordinal);
    }

    /// <summary>Loads a folder on this machine as the bootstrap repository.</summary>
    public static ConfigLoadResult LoadFolder(string folder, string initFile = "", ConfigLoaderOptions? options = null) =>
        new ConfigLoader(options).Load(new RepoInfo { Repo = Path.GetFullPath(folder), InitFile = initFile });

    public ConfigLoadResult Load(RepoInfo bootstrap)
    {
        ArgumentNullException.ThrowIfNull(bootstrap);
        if (_bootstrap is not null)
        {
            throw new InvalidOperationException("a ConfigLoader loads once; create another for the next load");
        }

        _bootstrap = bootstrap;
        LoadRepo(bootstrap, referrer: null, listedAt: null);
        DataSet assembled = Assemble();
        Dictionary<string, SystemDefinition> systems = SystemExtender.Extend(assembled.Systems, _problems);
        HoneydipperConfig config = new()
        {
            Systems = systems,
            Rules = assembled.Rules,
            Workflows = assembled.Workflows,
            Contexts = assembled.Contexts,
            Drivers = assembled.Drivers,
        };
        List<LoadedRepo> repos = [.. _repos.Values.Where(r => r.Root is not null).Select(r => new LoadedRepo(r.Info, r.Root!, r.Files))];
        return new ConfigLoadResult(config, _problems, repos);
    }

    private void LoadRepo(RepoInfo info, RepoState? referrer, SourceLocation? listedAt)
    {
        if (_repos.ContainsKey(info))
        {
            return;
        }

        RepoState state = new(info, DisplayPrefix(info));
        _repos[info] = state;
        try
        {
            state.Root = _provider.GetRoot(info, referrer?.Root);
        }
        catch (ConfigException ex)
        {
            _problems.Add(new ConfigProblem(ProblemSeverity.Error, listedAt, ex.Reason) { Subject = $"repo {info}" });
            return;
        }

        string initFile;
        try
        {
            initFile = RepoPathGuard.Inside(state.Root, Path.Combine(state.Root, info.EffectivePath.TrimStart('/')), info.EffectiveInitFile);
        }
        catch (ConfigException ex)
        {
            _problems.Add(new ConfigProblem(ProblemSeverity.Error, listedAt, ex.Reason) { Subject = $"repo {info}" });
            return;
        }

        if (!File.Exists(initFile))
        {
            _problems.Add(new ConfigProblem(ProblemSeverity.Error, listedAt, $"init file {Path.GetRelativePath(state.Root, initFile)} not found") { Subject = $"repo {info}" });
            return;
        }

        LoadFile(state, initFile, includedAt: null);
    }

    private void LoadFile(RepoState repo, string file, SourceLocation? includedAt)
    {
        if (repo.Attempted.Contains(file))
        {
            return;
        }

        if (repo.Loading.Contains(file))
        {
            string chain = string.Join(" → ", repo.Loading.SkipWhile(f => f != file).Append(file).Select(repo.Display));
            _problems.Add(new ConfigProblem(ProblemSeverity.Error, includedAt, $"include cycle: {chain}; the include is skipped"));
            return;
        }

        repo.Loading.Add(file);
        try
        {
            LoadFileContent(repo, file);
            repo.Files.Add(repo.Display(file));
        }
        catch (ConfigException ex)
        {
            ConfigProblem problem = ConfigProblem.FromException(ex);
            _problems.Add(problem with { Location = problem.Location ?? new SourceLocation(repo.Display(file), 0, 0) });
        }
        finally
        {
            repo.Loading.Remove(file);
            repo.Attempted.Add(file);
        }
    }

    private void LoadFileContent(RepoState repo, string file)
    {
        string display = repo.Display(file);
        string text = ReadText(file, display);
        if (text.Contains("{%", StringComparison.Ordinal))
        {
            text = RenderLoadTime(text, display);
        }

        object? root;
        try
        {
            root = GoYaml.Parse(text, display);
        }
        catch (YamlLoadException ex)
        {
            throw new ConfigException(ex.Location ?? new SourceLocation(display, 0, 0), string.Empty, ex.Reason, ex);
        }

        string folder = Path.GetDirectoryName(file)!;
        ConfigException? referenceFailure = FileReferences.Resolve(root, relative => ReadReference(repo.Root!, folder, relative));
        ReadReport report = new();
        DataSet content = ConfigFileReader.Read(root, report);
        foreach (ConfigException warning in report.Warnings)
        {
            _problems.Add(ConfigProblem.FromException(warning, ProblemSeverity.Warning));
        }

        SourceLocation? reposAt = root is IDictionary<string, object?> map ? SourceLocations.OfKey(map, "repos") ?? SourceLocations.Of(map) : null;
        foreach (RepoInfo dependency in content.Repos)
        {
            if (_options.SkipRemoteRepos && !_provider.IsLocal(dependency))
            {
                _problems.Add(new ConfigProblem(ProblemSeverity.Warning, reposAt, "remote repository not loaded (check it too with --remote, or map it to a folder with REPO_OVERRIDE)") { Subject = $"repo {dependency}" });
                continue;
            }

            LoadRepo(dependency, repo, reposAt);
        }

        SourceLocation? includesAt = root is IDictionary<string, object?> m ? SourceLocations.OfKey(m, "includes") ?? SourceLocations.Of(m) : null;
        foreach (string include in content.Includes)
        {
            Include(repo, folder, include, includesAt);
        }

        if (referenceFailure is not null)
        {
            throw referenceFailure;
        }

        repo.Data = repo.Data.Merge(content);
    }

    private void Include(RepoState repo, string folder, string include, SourceLocation? at)
    {
        List<string> files;
        try
        {
            string pattern = RepoPathGuard.Inside(repo.Root!, folder, include);
            files = GoGlob.Expand(pattern);
        }
        catch (Exception ex) when (ex is ConfigException or FormatException)
        {
            string reason = ex is ConfigException config ? config.Reason : ex.Message;
            _problems.Add(new ConfigProblem(ProblemSeverity.Error, at, $"include \"{include}\": {reason}") { FieldPath = "includes" });
            return;
        }

        if (files.Count == 0)
        {
            // A glob that matches nothing is only a warning in the original; a plain file name that is missing is a mistake.
            bool glob = GoGlob.HasMeta(include);
            _problems.Add(new ConfigProblem(
                glob ? ProblemSeverity.Warning : ProblemSeverity.Error,
                at,
                glob ? $"include \"{include}\" matches no files" : $"included file \"{include}\" not found") { FieldPath = "includes" });
            return;
        }

        foreach (string file in files.Where(File.Exists))
        {
            LoadFile(repo, file, at);
        }
    }

    private DataSet Assemble()
    {
        DataSet assembled = DataSet.Empty;
        HashSet<RepoInfo> done = [];
        List<RepoInfo> stack = [];

        void AssembleRepo(RepoState state)
        {
            done.Add(state.Info);
            stack.Add(state.Info);
            foreach (RepoInfo dependency in state.Data.Repos)
            {
                if (stack.Contains(dependency))
                {
                    string chain = string.Join(" → ", stack.SkipWhile(r => r != dependency).Append(dependency));
                    _problems.Add(new ConfigProblem(ProblemSeverity.Error, null, $"repos cycle: {chain}; {dependency} is not merged twice") { Subject = $"repo {state.Info}" });
                }
                else if (!done.Contains(dependency) && _repos.TryGetValue(dependency, out RepoState? loaded) && loaded.Root is not null)
                {
                    AssembleRepo(loaded);
                }
            }

            assembled = assembled.Merge(state.Data);
            stack.RemoveAt(stack.Count - 1);
        }

        if (_repos.TryGetValue(_bootstrap!, out RepoState? bootstrap) && bootstrap.Root is not null)
        {
            AssembleRepo(bootstrap);
        }

        return assembled;
    }

    private string ReadText(string file, string display)
    {
        FileInfo info = new(file);
        if (info.Length > _options.MaxFileBytes)
        {
            throw new ConfigException(
                new SourceLocation(display, 0, 0),
                string.Empty,
                $"the file is {info.Length / 1048576.0:0.#} MB, more than the {_options.MaxFileBytes / 1048576.0:0.#} MB a configuration file may hold");
        }

        return File.ReadAllText(file);
    }

    private static string ReadReference(string root, string folder, string relative)
    {
        string path = RepoPathGuard.Inside(root, folder, relative);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"file error: cannot read {relative}: {ex.Message}", ex);
        }
    }

    private string RenderLoadTime(string text, string display)
    {
        if (_options.LoadTimeRenderer is null)
        {
            throw new ConfigException(new SourceLocation(display, 0, 0), string.Empty, "the file uses load-time templates ({% %}) but no template engine is configured");
        }

        try
        {
            return _options.LoadTimeRenderer(text, _hdEnvironment, "/" + display);
        }
        catch (Exception ex) when (ex is not ConfigException and not OutOfMemoryException)
        {
            throw new ConfigException(new SourceLocation(display, 0, 0), string.Empty, "load-time template: " + ex.Message, ex);
        }
    }

    private string DisplayPrefix(RepoInfo info) =>
        _bootstrap is null || info == _bootstrap ? string.Empty : (info.Name.Length > 0 ? info.Name : info.Repo.TrimEnd('/')) + "/";

    /// <summary>What is known of one repository while it loads.</summary>
    private sealed class RepoState(RepoInfo info, string displayPrefix)
    {
        public RepoInfo Info { get; } = info;

        public string? Root { get; set; }

        public DataSet Data { get; set; } = DataSet.Empty;

        public List<string> Files { get; } = [];

        public HashSet<string> Attempted { get; } = new(StringComparer.Ordinal);

        public List<string> Loading { get; } = [];

        /// <summary>A file's name in messages: relative to the repository, prefixed by the repository unless it is the bootstrap one.</summary>
        public string Display(string file) => displayPrefix + Path.GetRelativePath(Root!, file).Replace('\\', '/');
    }
}
