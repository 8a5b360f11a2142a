using Honeydipper.Core.Config;
using Honeydipper.GitOps;

namespace Honeydipper.GitOps.Tests;

/// <summary>Real repositories made with the git CLI (bare origin + working clone, file:// URLs), synced through the mirror.</summary>
public sealed class ConfigSyncTests : IDisposable
{
    private const string Init = """
        workflows:
          greet:
            description: says hello
            export:
              greeting: hello
        rules:
          - when:
              driver: webhook
              if_match:
                url: /hello
            do:
              call_workflow: greet
        """;

    private readonly GitRepo _repo = GitRepo.Create();
    private readonly DirectoryInfo _cache = Directory.CreateTempSubdirectory("hd-gitcache-");
    private readonly GitMirror _mirror;

    public ConfigSyncTests() => _mirror = new GitMirror(_cache.FullName);

    public void Dispose()
    {
        _repo.Dispose();
        _cache.Delete(recursive: true);
    }

    private ConfigSyncResult Sync(GitSource? git = null, string ns = "team") =>
        ConfigSync.Load(_mirror, new ConfigRepoSource(git ?? new GitSource(_repo.Url)) { Namespace = ns });

    private static List<string> Names(ConfigSyncResult result) =>
        [.. result.Objects.Select(o => $"{o["kind"]}/{((IDictionary<string, object?>)o["metadata"]!)["name"]}").Order(StringComparer.Ordinal)];

    [Fact]
    public void The_first_sync_loads_the_commit_into_objects_and_a_new_commit_is_seen_by_the_next()
    {
        string first = _repo.Commit("first", new Dictionary<string, string?> { ["init.yaml"] = Init });
        ConfigSyncResult one = Sync();
        Assert.False(one.HasErrors, one.ErrorSummary());
        Assert.Equal(first, one.Commit);
        Assert.Equal(ConfigRepoFormat.Honeydipper, one.Format);
        Assert.Equal(["Rule/rule-1-webhook", "Workflow/greet"], Names(one));
        Assert.Equal("team", ((IDictionary<string, object?>)one.Objects[0]["metadata"]!)["namespace"]);

        string second = _repo.Commit("second", new Dictionary<string, string?> { ["init.yaml"] = Init.Replace("greet", "welcome", StringComparison.Ordinal) });
        ConfigSyncResult two = Sync();
        Assert.Equal(second, two.Commit);
        Assert.Equal(["Rule/rule-1-webhook", "Workflow/welcome"], Names(two));
    }

    [Fact]
    public void A_force_push_replaces_the_history_and_the_rewritten_commit_is_loaded()
    {
        _repo.Commit("first", new Dictionary<string, string?> { ["init.yaml"] = Init });
        string doomed = _repo.Commit("doomed", new Dictionary<string, string?> { ["init.yaml"] = Init.Replace("greet", "doomed", StringComparison.Ordinal) });
        Assert.Equal(doomed, Sync().Commit);

        _repo.Run("reset", "--quiet", "--hard", "HEAD~1");
        string rewritten = _repo.Commit("rewritten", new Dictionary<string, string?> { ["init.yaml"] = Init.Replace("greet", "rewritten", StringComparison.Ordinal) });
        ConfigSyncResult after = Sync();
        Assert.Equal(rewritten, after.Commit);
        Assert.Contains("Workflow/rewritten", Names(after));
    }

    [Fact]
    public void A_deleted_branch_is_an_error_that_names_it_and_the_branches_that_exist()
    {
        _repo.Commit("first", new Dictionary<string, string?> { ["init.yaml"] = Init });
        _repo.Commit("feature", new Dictionary<string, string?> { ["init.yaml"] = Init }, branch: "feature");
        Assert.False(Sync(new GitSource(_repo.Url) { Branch = "feature" }).HasErrors);

        _repo.Run("push", "--quiet", "origin", "--delete", "feature");
        GitSyncException ex = Assert.Throws<GitSyncException>(() => Sync(new GitSource(_repo.Url) { Branch = "feature" }));
        Assert.Contains("branch feature does not exist", ex.Message, StringComparison.Ordinal);
        Assert.Contains("its branches: main", ex.Message, StringComparison.Ordinal);
        Assert.Contains("spec.branch", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tags_and_commits_are_checked_out_as_named()
    {
        string tagged = _repo.Commit("v1", new Dictionary<string, string?> { ["init.yaml"] = Init });
        _repo.Run("tag", "v1");
        _repo.Run("push", "--quiet", "origin", "v1");
        _repo.Commit("later", new Dictionary<string, string?> { ["init.yaml"] = Init.Replace("greet", "later", StringComparison.Ordinal) });

        Assert.Equal(tagged, Sync(new GitSource(_repo.Url) { Tag = "v1" }).Commit);
        ConfigSyncResult pinned = Sync(new GitSource(_repo.Url) { Commit = tagged });
        Assert.Equal(tagged, pinned.Commit);
        Assert.Contains("Workflow/greet", Names(pinned));
        Assert.Contains("tag v2 does not exist", Assert.Throws<GitSyncException>(() => Sync(new GitSource(_repo.Url) { Tag = "v2" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_commit_reports_file_and_line_and_gives_no_objects()
    {
        _repo.Commit("bad", new Dictionary<string, string?> { ["init.yaml"] = "includes:\n  - more.yaml\n", ["more.yaml"] = "workflows:\n  w:\n    steps: [\n" });
        ConfigSyncResult bad = Sync();
        Assert.True(bad.HasErrors);
        Assert.Empty(bad.Objects);
        Assert.StartsWith("more.yaml:", bad.ErrorSummary(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_configuration_that_does_not_validate_gives_no_objects()
    {
        _repo.Commit("typo", new Dictionary<string, string?> { ["init.yaml"] = Init.Replace("call_workflow: greet", "call_workflow: greeet", StringComparison.Ordinal) });
        ConfigSyncResult bad = Sync();
        Assert.Empty(bad.Objects);
        Assert.Contains("greeet", bad.ErrorSummary(), StringComparison.Ordinal);
        Assert.Contains("init.yaml:", bad.ErrorSummary(), StringComparison.Ordinal);
    }

    [Fact]
    public void Repos_pointing_to_a_second_repository_merge_both_in_the_original_order()
    {
        using GitRepo library = GitRepo.Create();
        string libraryCommit = library.Commit("library", new Dictionary<string, string?>
        {
            ["init.yaml"] = """
                workflows:
                  shared:
                    description: from the library
                    export: {from: library}
                  greet:
                    description: the library's greet
                    export: {from: library}
                """,
        });
        string main = _repo.Commit("main", new Dictionary<string, string?>
        {
            ["init.yaml"] = $"""
                repos:
                  - repo: {library.Url}
                {Init}
                """,
        });

        ConfigSyncResult result = Sync();
        Assert.False(result.HasErrors, result.ErrorSummary());
        Assert.Equal(["Rule/rule-1-webhook", "Workflow/greet", "Workflow/shared"], Names(result));
        Dictionary<string, object?> greet = result.Objects.Single(o => Names(result).Count > 0 && ((IDictionary<string, object?>)o["metadata"]!)["name"] as string == "greet");
        // The including repository is merged after its dependencies, so its definition wins.
        Assert.Equal("says hello", ((IDictionary<string, object?>)greet["spec"]!)["description"]);
        Assert.Equal(main, result.Commit);
        Assert.Contains(libraryCommit, result.RepoCommits.Values);
    }

    [Fact]
    public void A_repository_of_manifests_is_applied_as_it_is_but_only_our_kinds_in_our_namespace()
    {
        const string Workflow = """
            apiVersion: honeydipper.io/v1alpha1
            kind: Workflow
            metadata:
              name: hello
            spec:
              export: {greeting: hi}
            """;
        _repo.Commit("manifests", new Dictionary<string, string?> { ["deploy/workflow.yaml"] = Workflow });
        ConfigSyncResult ok = ConfigSync.Load(_mirror, new ConfigRepoSource(new GitSource(_repo.Url)) { Namespace = "team", Path = "/deploy" });
        Assert.False(ok.HasErrors, ok.ErrorSummary());
        Assert.Equal(ConfigRepoFormat.Manifests, ok.Format);
        Assert.Equal(["Workflow/hello"], Names(ok));

        _repo.Commit("escape", new Dictionary<string, string?>
        {
            ["deploy/other.yaml"] = Workflow.Replace("name: hello", "name: elsewhere\n  namespace: kube-system", StringComparison.Ordinal),
            ["deploy/secret.yaml"] = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: stolen\nstringData:\n  a: b\n",
        });
        ConfigSyncResult refused = ConfigSync.Load(_mirror, new ConfigRepoSource(new GitSource(_repo.Url)) { Namespace = "team", Path = "/deploy" });
        Assert.Empty(refused.Objects);
        List<ConfigProblem> errors = [.. refused.Problems.Where(p => p.Severity == ProblemSeverity.Error)];
        Assert.Contains(errors, p => p.ToString().Contains("other.yaml:", StringComparison.Ordinal) && p.Message.Contains("namespace kube-system is not the ConfigRepo's namespace team", StringComparison.Ordinal));
        Assert.Contains(errors, p => p.ToString().Contains("secret.yaml:", StringComparison.Ordinal) && p.Message.Contains("v1 Secret is not a Honeydipper configuration kind", StringComparison.Ordinal));
    }

    [Fact]
    public void The_essentials_fixture_served_from_a_bare_repository_becomes_the_complete_set_of_objects()
    {
        _repo.CommitFolder("essentials", RepoPaths.Essentials);
        ConfigSyncResult result = ConfigSync.Load(_mirror, new ConfigRepoSource(new GitSource(_repo.Url))
        {
            Namespace = "ops",
            RunnableDrivers = new HashSet<string>(StringComparer.Ordinal) { "webhook", "web", "kubernetes", "cron", "redis" },
        });
        Assert.False(result.HasErrors, result.ErrorSummary());
        Dictionary<string, int> kinds = result.Objects.GroupBy(o => (string)o["kind"]!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(9, kinds["System"]);
        Assert.Equal(29, kinds["Workflow"]);
        Assert.Equal(5, kinds["Rule"]);
        Assert.Equal(5, kinds["Context"]);
    }

    [Fact]
    public void An_unreachable_repository_is_an_error_that_names_it()
    {
        GitSyncException ex = Assert.Throws<GitSyncException>(() => Sync(new GitSource(new Uri(Path.Combine(_cache.FullName, "missing.git")).AbsoluteUri)));
        Assert.Contains("cannot fetch", ex.Message, StringComparison.Ordinal);
        Assert.Contains("missing.git", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retain_keeps_only_the_commits_asked_for()
    {
        string first = _repo.Commit("first", new Dictionary<string, string?> { ["init.yaml"] = Init });
        string firstRoot = _mirror.Sync(new GitSource(_repo.Url)).Root;
        string second = _repo.Commit("second", new Dictionary<string, string?> { ["init.yaml"] = Init + "\n" });
        string secondRoot = _mirror.Sync(new GitSource(_repo.Url)).Root;
        Assert.NotEqual(first, second);
        _mirror.Retain(_repo.Url, [second]);
        Assert.False(Directory.Exists(firstRoot));
        Assert.True(File.Exists(Path.Combine(secondRoot, "init.yaml")));
    }
}
