using Honeydipper.Core.Config.Loading;

namespace Honeydipper.Core.Tests.Config;

public sealed class IncludeTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void The_including_file_overrides_what_it_includes()
    {
        _repo.Write("init.yaml", "includes: [base.yaml]\ndrivers: {d: {v: init}}\n").Write("base.yaml", "drivers: {d: {v: base, only: base}}\n");
        var d = _repo.Load().Config.Drivers["d"].AsMap();
        Assert.Equal("init", d["v"]);
        Assert.Equal("base", d["only"]);
    }

    [Fact]
    public void Includes_are_relative_to_the_including_file_and_load_depth_first()
    {
        _repo.Write("init.yaml", "includes: [sub/init.yaml, last.yaml]\n")
            .Write("sub/init.yaml", "includes: [inner.yaml]\nrules: [{when: {driver: a}, do: {call_workflow: sub}}]\n")
            .Write("sub/inner.yaml", "rules: [{when: {driver: a}, do: {call_workflow: inner}}]\n")
            .Write("last.yaml", "rules: [{when: {driver: a}, do: {call_workflow: last}}]\n");
        ConfigLoadResult result = _repo.Load();
        Assert.Equal(["inner", "sub", "last"], result.Config.Rules.Select(r => r.Do.CallWorkflow));
        Assert.Equal(["sub/inner.yaml", "sub/init.yaml", "last.yaml", "init.yaml"], result.Repos.Single().Files);
    }

    [Fact]
    public void Globs_expand_in_sorted_order_like_go_filepath_glob()
    {
        _repo.Write("init.yaml", "includes: ['glob/work*.yaml', 'glob/x?.yaml', 'glob/[ab].yaml']\n")
            .Write("glob/workflow2.yaml", "workflows: {w2: {}}\n")
            .Write("glob/workflow1.yaml", "workflows: {w1: {}}\n")
            .Write("glob/not-included.yaml", "workflows: {no: {}}\n")
            .Write("glob/x1.yaml", "workflows: {x1: {}}\n")
            .Write("glob/x10.yaml", "workflows: {x10: {}}\n")
            .Write("glob/b.yaml", "workflows: {b: {}}\n")
            .Write("glob/c.yaml", "workflows: {c: {}}\n");
        ConfigLoadResult result = _repo.Load();
        Assert.Equal(["glob/workflow1.yaml", "glob/workflow2.yaml", "glob/x1.yaml", "glob/b.yaml", "init.yaml"], result.Repos.Single().Files);
        Assert.Equal(["b", "w1", "w2", "x1"], result.Config.Workflows.Keys.Order());
    }

    [Fact]
    public void A_missing_include_is_an_error_with_file_and_line_and_the_rest_still_loads()
    {
        _repo.Write("init.yaml", "workflows: {w: {}}\nincludes:\n  - present.yaml\n  - missing.yaml\n").Write("present.yaml", "workflows: {p: {}}\n");
        ConfigLoadResult result = _repo.Load();
        string error = Assert.Single(result.Errors()).ToString();
        Assert.Equal("init.yaml:2: includes: included file \"missing.yaml\" not found", error);
        Assert.Equal(["p", "w"], result.Config.Workflows.Keys.Order());
    }

    [Fact]
    public void A_glob_matching_nothing_is_only_a_warning()
    {
        _repo.Write("init.yaml", "includes: ['extra/*.yaml']\n");
        ConfigLoadResult result = _repo.Load();
        Assert.Empty(result.Errors());
        Assert.Contains("matches no files", Assert.Single(result.Warnings()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_include_cycle_is_reported_and_does_not_hang()
    {
        _repo.Write("init.yaml", "includes: [a.yaml]\n")
            .Write("a.yaml", "includes: [b.yaml]\nworkflows: {a: {}}\n")
            .Write("b.yaml", "includes: [a.yaml]\nworkflows: {b: {}}\n");
        ConfigLoadResult result = _repo.Load();
        Assert.Equal("b.yaml:1: include cycle: a.yaml → b.yaml → a.yaml; the include is skipped", Assert.Single(result.Errors()).ToString());
        Assert.Equal(["a", "b"], result.Config.Workflows.Keys.Order());
    }

    [Theory]
    [InlineData("../outside.yaml")]
    [InlineData("sub/../../outside.yaml")]
    [InlineData("/etc/hostname")]
    public void Includes_cannot_leave_the_repository(string include)
    {
        _repo.Write("init.yaml", $"includes: ['{include}']\n");
        ConfigLoadResult result = _repo.Load();
        Assert.Contains("invalid path", Assert.Single(result.Errors()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_glob_pattern_is_an_error_not_a_crash()
    {
        _repo.Write("init.yaml", "includes: ['glob/[a.yaml']\n");
        Assert.Contains("unclosed [", Assert.Single(_repo.Load().Errors()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_init_file_and_path_can_be_named()
    {
        _repo.Write("config/main.yaml", "workflows: {m: {}}\n");
        ConfigLoadResult result = new ConfigLoader(new ConfigLoaderOptions { Environment = new Dictionary<string, string>() })
            .Load(new Core.Config.Model.RepoInfo { Repo = _repo.Root, Path = "/config", InitFile = "main.yaml" });
        Assert.Empty(result.Problems);
        Assert.True(result.Config.Workflows.ContainsKey("m"));
    }
}
