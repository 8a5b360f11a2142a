using Honeydipper.Core.Config;
using Honeydipper.Core.Config.Loading;

namespace Honeydipper.Core.Tests.Config;

/// <summary><c>repos</c>: dependency repositories, assembly order, overrides and cycles (semantics §1.2).</summary>
public sealed class RepoTests : IDisposable
{
    private readonly TempRepo _main = new();
    private readonly TempRepo _dep = new();
    private readonly TempRepo _dep2 = new();

    public void Dispose()
    {
        _main.Dispose();
        _dep.Dispose();
        _dep2.Dispose();
    }

    [Fact]
    public void A_repository_is_assembled_after_its_dependencies_so_it_overrides_them()
    {
        _dep.Write("init.yaml", "workflows: {shared: {description: dep}, only_dep: {}}\nrules: [{when: {driver: a}, do: {call_workflow: dep}}]\n");
        _main.Write("init.yaml", $"repos: [{{repo: '{_dep.Root}'}}]\nworkflows: {{shared: {{description: main}}}}\nrules: [{{when: {{driver: a}}, do: {{call_workflow: main}}}}]\n");
        ConfigLoadResult result = _main.Load();
        Assert.Empty(result.Problems);
        Assert.Equal("main", result.Config.Workflows["shared"].Description);
        Assert.True(result.Config.Workflows.ContainsKey("only_dep"));
        Assert.Equal(["dep", "main"], result.Config.Rules.Select(r => r.Do.CallWorkflow));
        Assert.Equal(2, result.Repos.Count);
    }

    [Fact]
    public void A_relative_local_repository_is_found_from_the_repository_that_lists_it()
    {
        _main.Write("init.yaml", "repos: [{repo: ./libs/common}]\n").Write("libs/common/init.yaml", "workflows: {common: {}}\n");
        Assert.True(_main.Load().Config.Workflows.ContainsKey("common"));
    }

    [Fact]
    public void A_dependency_with_its_own_path_and_init_file_is_loaded_from_there()
    {
        _dep.Write("conf/start.yaml", "workflows: {from_path: {}}\n");
        _main.Write("init.yaml", $"repos: [{{repo: 'file://{_dep.Root}', path: /conf, initFile: start.yaml}}]\n");
        ConfigLoadResult result = _main.Load();
        Assert.Empty(result.Problems);
        Assert.True(result.Config.Workflows.ContainsKey("from_path"));
    }

    [Fact]
    public void Repo_override_maps_a_remote_url_to_a_local_folder()
    {
        _dep.Write("init.yaml", "workflows: {overridden: {}}\n");
        _main.Write("init.yaml", "repos: [{repo: 'https://github.com/honeydipper/honeydipper-config-essentials.git', branch: main}]\n");
        ConfigLoaderOptions options = new()
        {
            Environment = new Dictionary<string, string>
            {
                ["REPO_OVERRIDE_ESSENTIALS"] = $"https://github.com/honeydipper/honeydipper-config-essentials.git => {_dep.Root}",
            },
        };
        ConfigLoadResult result = _main.Load(options);
        Assert.Empty(result.Problems);
        Assert.True(result.Config.Workflows.ContainsKey("overridden"));
    }

    [Theory]
    [InlineData("https://x/y.git =>")]
    [InlineData("=> /tmp")]
    [InlineData("no arrow")]
    public void An_invalid_repo_override_is_refused_with_its_definition(string definition)
    {
        ConfigException ex = Assert.Throws<ConfigException>(() => RepoOverrides.FromEnvironment(new Dictionary<string, string> { ["REPO_OVERRIDE"] = definition }));
        Assert.Contains("invalid repo override definition: REPO_OVERRIDE=", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_override_variable_forms_are_read()
    {
        var overrides = RepoOverrides.FromEnvironment(new Dictionary<string, string>
        {
            ["REPO_OVERRIDE"] = "https://test.com/foo/bar.git => /tmp/foobar",
            ["REPO_OVERRIDE_ANOTHER"] = "git@github.com:foo/bar.git => /tmp/foobar",
            ["OTHER"] = "ignored => /x",
        });
        Assert.Equal(2, overrides.Count);
        Assert.Equal("/tmp/foobar", overrides["git@github.com:foo/bar.git"]);
    }

    [Fact]
    public void A_remote_repository_without_an_override_is_a_clear_error_and_the_rest_loads()
    {
        _main.Write("init.yaml", "repos: [{repo: 'git@github.com:org/cfg.git'}]\nworkflows: {w: {}}\n");
        ConfigLoadResult result = _main.Load();
        string error = Assert.Single(result.Errors()).ToString();
        Assert.Contains("repo git@github.com:org/cfg.git: remote Git repositories are not fetched here", error, StringComparison.Ordinal);
        Assert.Contains("REPO_OVERRIDE", error, StringComparison.Ordinal);
        Assert.True(result.Config.Workflows.ContainsKey("w"));
    }

    [Fact]
    public void A_cycle_of_repositories_is_reported_and_each_is_merged_once()
    {
        _dep.Write("init.yaml", $"repos: [{{repo: '{_dep2.Root}'}}]\nrules: [{{when: {{driver: a}}, do: {{call_workflow: dep}}}}]\n");
        _dep2.Write("init.yaml", $"repos: [{{repo: '{_dep.Root}'}}]\nrules: [{{when: {{driver: a}}, do: {{call_workflow: dep2}}}}]\n");
        _main.Write("init.yaml", $"repos: [{{repo: '{_dep.Root}'}}]\n");
        ConfigLoadResult result = _main.Load();
        Assert.Contains("repos cycle:", Assert.Single(result.Errors()).Message, StringComparison.Ordinal);
        Assert.Equal(["dep2", "dep"], result.Config.Rules.Select(r => r.Do.CallWorkflow));
    }

    [Fact]
    public void A_repository_without_its_init_file_is_reported()
    {
        _main.Write("init.yaml", $"repos: [{{repo: '{_dep.Root}'}}]\n");
        Assert.Contains("init file init.yaml not found", Assert.Single(_main.Load().Errors()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Remote_repos_can_be_skipped_with_a_warning_while_local_ones_still_load()
    {
        _dep.Write("init.yaml", "workflows: {dep: {}}\n");
        _main.Write("init.yaml", $"repos:\n- {{repo: '{_dep.Root}'}}\n- {{repo: 'https://github.com/org/remote.git'}}\n");
        ConfigLoadResult result = _main.Load(new ConfigLoaderOptions { Environment = new Dictionary<string, string>(), SkipRemoteRepos = true });
        Assert.Empty(result.Errors());
        Assert.Contains("remote repository not loaded", Assert.Single(result.Warnings()).Message, StringComparison.Ordinal);
        Assert.Equal(["dep"], result.Config.Workflows.Keys);
        Assert.Equal(2, result.Repos.Count);
    }
}
