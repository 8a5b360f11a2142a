using Honeydipper.Core.Config.Loading;
using Honeydipper.Core.Config.Model;

namespace Honeydipper.Core.Tests.Config;

/// <summary>The DataSet merge rules of semantics §1.3, observed through files that include each other.</summary>
public sealed class MergeRulesTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Rules_are_appended_with_included_files_first()
    {
        _repo.Write("init.yaml", "includes: [a.yaml, b.yaml]\nrules:\n- when: {driver: webhook}\n  do: {call_workflow: from_init}\n")
            .Write("a.yaml", "rules:\n- when: {driver: webhook}\n  do: {call_workflow: from_a}\n")
            .Write("b.yaml", "rules:\n- when: {driver: webhook}\n  do: {call_workflow: from_b}\n");
        ConfigLoadResult result = _repo.Load();
        Assert.Equal(["from_a", "from_b", "from_init"], result.Config.Rules.Select(r => r.Do.CallWorkflow));
    }

    [Fact]
    public void A_workflow_of_the_same_name_is_replaced_whole_not_merged()
    {
        _repo.Write("init.yaml", "includes: [a.yaml]\nworkflows:\n  wf: {call_workflow: later}\n")
            .Write("a.yaml", "workflows:\n  wf: {call_workflow: earlier, description: only in a, on_error: continue}\n");
        WorkflowDefinition wf = _repo.Load().Config.Workflows["wf"];
        Assert.Equal("later", wf.CallWorkflow);
        Assert.Equal(string.Empty, wf.Description);
        Assert.Equal(string.Empty, wf.OnError);
    }

    [Fact]
    public void Drivers_deep_merge_appending_lists_and_letting_later_scalars_win_even_when_empty()
    {
        _repo.Write("init.yaml", "includes: [a.yaml]\ndrivers:\n  web:\n    list: [c]\n    nested: {keep: 1, change: 2}\n    flag: false\n    text: ''\n    gone: null\n    shape: [x]\n")
            .Write("a.yaml", "drivers:\n  web:\n    list: [a, b]\n    nested: {change: 1}\n    flag: true\n    text: old\n    gone: here\n    shape: {was: map}\n    untouched: yes\n");
        Dictionary<string, object?> web = _repo.Load().Config.Drivers["web"].AsMap();
        Assert.Equal(["a", "b", "c"], web["list"].AsList());
        Assert.Equal(1.0, web["nested"].AsMap()["keep"]);
        Assert.Equal(2.0, web["nested"].AsMap()["change"]);
        Assert.Equal(false, web["flag"]);
        Assert.Equal(string.Empty, web["text"]);
        Assert.True(web.ContainsKey("gone"));
        Assert.Null(web["gone"]);
        Assert.Equal(["x"], web["shape"].AsList());
        Assert.Equal(true, web["untouched"]);
    }

    [Fact]
    public void Contexts_deep_merge_like_drivers()
    {
        _repo.Write("init.yaml", "includes: [a.yaml]\ncontexts:\n  _default:\n    '*': {tags: [two], k1: init}\n")
            .Write("a.yaml", "contexts:\n  _default:\n    '*': {tags: [one], k2: a}\n    wf: {z: 1}\n");
        Dictionary<string, object?> star = _repo.Load().Config.Contexts["_default"].AsMap()["*"].AsMap();
        Assert.Equal(["one", "two"], star["tags"].AsList());
        Assert.Equal("init", star["k1"]);
        Assert.Equal("a", star["k2"]);
    }

    [Fact]
    public void Merge_modifiers_stay_literal_keys_at_load_time()
    {
        _repo.Write("init.yaml", "includes: [a.yaml]\ncontexts:\n  c:\n    wf: {'list+': [b]}\n")
            .Write("a.yaml", "contexts:\n  c:\n    wf: {list: [a]}\n");
        Dictionary<string, object?> wf = _repo.Load().Config.Contexts["c"].AsMap()["wf"].AsMap();
        Assert.Equal(["a"], wf["list"].AsList());
        Assert.Equal(["b"], wf["list+"].AsList());
    }

    [Fact]
    public void Systems_merge_field_by_field()
    {
        _repo.Write("init.yaml", """
            includes: [a.yaml]
            systems:
              gh:
                description: later
                extends: [two]
                data: {list: [second], token: new}
                functions:
                  f: {rawAction: post, parameters: {b: 2}}
                triggers:
                  t: {if_match: {b: 2}}
              one: {}
              two: {}
            """)
            .Write("a.yaml", """
            systems:
              gh:
                description: earlier
                extends: [one]
                data: {list: [first], token: old, keep: yes}
                functions:
                  f: {driver: web, rawAction: get, parameters: {a: 1}, description: fn}
                  g: {driver: web}
                triggers:
                  t: {driver: webhook, if_match: {a: 1}}
            """);
        ConfigLoadResult result = _repo.Load();
        Assert.Empty(result.Errors());
        // Extends is resolved after loading, so look at what was merged before that through the raw functions and data.
        SystemDefinition gh = result.Config.Systems["gh"];
        Assert.Equal("later", gh.Description);
        Assert.Equal(["one", "two"], gh.Extends);
        Assert.Equal(["first", "second"], gh.Data!["list"].AsList());
        Assert.Equal("new", gh.Data["token"]);
        Assert.Equal(true, gh.Data["keep"]);
        FunctionDefinition f = gh.Functions["f"];
        Assert.Equal("web", f.Driver);
        Assert.Equal("post", f.RawAction);
        Assert.Equal("fn", f.Description);
        Assert.Equal(1.0, f.Parameters!["a"]);
        Assert.Equal(2.0, f.Parameters["b"]);
        Assert.True(gh.Functions.ContainsKey("g"));
        TriggerDefinition t = gh.Triggers["t"];
        Assert.Equal("webhook", t.Driver);
        Assert.Equal(["a", "b"], t.Match!.Keys.Order());
    }

    [Fact]
    public void Includes_and_repos_lists_do_not_leak_into_the_assembled_configuration_twice()
    {
        _repo.Write("init.yaml", "includes: [a.yaml, a.yaml]\n").Write("a.yaml", "rules:\n- when: {driver: x}\n  do: {}\n");
        Assert.Single(_repo.Load().Config.Rules);
    }
}
