using Honeydipper.Core.Config.Loading;
using Honeydipper.Core.Config.Model;

namespace Honeydipper.Core.Tests.Config;

/// <summary>How values decode (semantics §0): case-insensitive keys, YAML 1.1 scalars, key-name variants.</summary>
public sealed class DecodingQuirksTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    [Theory]
    [InlineData("rawAction")]
    [InlineData("rawaction")]
    [InlineData("RawAction")]
    [InlineData("RAWACTION")]
    public void Field_names_match_case_insensitively(string key)
    {
        _repo.Write("init.yaml", $"systems:\n  s:\n    Functions:\n      f: {{Driver: web, {key}: request}}\n");
        FunctionDefinition f = _repo.Load().Config.Systems["s"].Functions["f"];
        Assert.Equal("web", f.Driver);
        Assert.Equal("request", f.RawAction);
    }

    [Fact]
    public void When_two_spellings_are_present_the_last_written_wins()
    {
        _repo.Write("init.yaml", "workflows:\n  w: {call_workflow: first, CALL_WORKFLOW: second}\n");
        Assert.Equal("second", _repo.Load().Config.Workflows["w"].CallWorkflow);
    }

    [Fact]
    public void Yaml_1_1_scalars_become_booleans_and_doubles_in_free_form_data()
    {
        _repo.Write("init.yaml", "drivers:\n  d: {a: yes, b: off, c: 3, d: '3', e: 0x10}\n");
        Dictionary<string, object?> d = _repo.Load().Config.Drivers["d"].AsMap();
        Assert.Equal(true, d["a"]);
        Assert.Equal(false, d["b"]);
        Assert.Equal(3.0, d["c"]);
        Assert.Equal("3", d["d"]);
        Assert.Equal(16.0, d["e"]);
    }

    [Fact]
    public void Scalars_in_string_fields_become_text_as_ghodss_yaml_makes_them()
    {
        _repo.Write("init.yaml", "workflows:\n  w: {if: [yes, 1, 'true', 2.5], iterate_pool: 3, wait: 10, description: on}\n");
        WorkflowDefinition w = _repo.Load().Config.Workflows["w"];
        Assert.Equal(["true", "1", "true", "2.5"], w.If!);
        Assert.Equal("3", w.IteratePool);
        Assert.Equal("10", w.Wait);
        Assert.Equal("true", w.Description);
    }

    [Theory]
    [InlineData("unless_all")]
    [InlineData("unless_any")]
    public void Both_spellings_of_unless_all_are_read(string key)
    {
        _repo.Write("init.yaml", $"workflows:\n  w: {{{key}: [a], else: {{}}}}\n");
        Assert.Equal(["a"], _repo.Load().Config.Workflows["w"].UnlessAll!);
    }

    [Theory]
    [InlineData("until_all")]
    [InlineData("until_any")]
    public void Both_spellings_of_until_all_are_read(string key)
    {
        _repo.Write("init.yaml", $"workflows:\n  w:\n    steps:\n    - else: {{{key}: [a]}}\n      if: [x]\n");
        Assert.Equal(["a"], _repo.Load().Config.Workflows["w"].Steps[0].Else!.UntilAll!);
    }

    [Fact]
    public void The_mapstructure_typo_unelss_match_is_read_too()
    {
        _repo.Write("init.yaml", "workflows:\n  w: {unelss_match: {a: b}}\n");
        Assert.NotNull(_repo.Load().Config.Workflows["w"].UnlessMatch);
    }

    [Fact]
    public void Nested_workflows_are_parsed_everywhere_they_appear()
    {
        _repo.Write("init.yaml", """
            workflows:
              w:
                if: [x]
                else: {call_workflow: e}
                switch: $ctx.k
                cases:
                  a: {steps: [{call_workflow: a1}, {threads: [{call_workflow: t}]}]}
                default: {call_workflow: d}
            """);
        WorkflowDefinition w = _repo.Load().Config.Workflows["w"];
        Assert.Equal("e", w.Else!.CallWorkflow);
        Assert.Equal("a1", w.Cases!["a"].Steps[0].CallWorkflow);
        Assert.Equal("t", w.Cases["a"].Steps[1].Threads[0].CallWorkflow);
        Assert.Equal("d", w.Default!.CallWorkflow);
    }

    [Fact]
    public void Unknown_keys_are_ignored_but_reported_with_a_suggestion()
    {
        _repo.Write("init.yaml", "workflows:\n  w:\n    call_fucntion: github.x\n");
        ConfigLoadResult result = _repo.Load();
        Assert.Empty(result.Errors());
        Assert.Equal(
            "init.yaml:3: warning: workflows.w.call_fucntion: unknown key, ignored (did you mean \"call_function\"?)",
            Assert.Single(result.Warnings()).ToString());
        Assert.Equal(string.Empty, result.Config.Workflows["w"].CallFunction);
    }

    [Fact]
    public void The_obsolete_conditions_key_of_triggers_is_reported_as_ignored()
    {
        _repo.Write("init.yaml", "rules:\n- when:\n    driver: webhook\n    conditions: {url: /x}\n  do: {}\n");
        ConfigLoadResult result = _repo.Load();
        Assert.Contains("replaced by if_match", Assert.Single(result.Warnings()).Message, StringComparison.Ordinal);
        Assert.Null(result.Config.Rules[0].When.Match);
    }

    [Theory]
    [InlineData("workflows:\n  w:\n    steps: not a list\n", "bad.yaml:3: workflows.w.steps: must be a list or something interpolated into a list")]
    [InlineData("workflows:\n  w:\n    if: $ctx.x\n", "bad.yaml:3: workflows.w.if: must be a list of strings, not a string")]
    [InlineData("workflows:\n  w:\n    call_workflow: {a: b}\n", "bad.yaml:3: workflows.w.call_workflow: must be a string, not a map")]
    [InlineData("workflows:\n  w:\n    else: text\n", "bad.yaml:3: workflows.w.else: must be a workflow written as a map, not a string")]
    [InlineData("systems:\n  s:\n    functions:\n      f: {parameters: [1]}\n", "bad.yaml:4: systems.s.functions.f.parameters: must be a map, not a list")]
    [InlineData("rules: {when: x}\n", "bad.yaml:1: rules: must be a list, not a map")]
    [InlineData("- a\n- b\n", "bad.yaml: must be a configuration file written as a map, not a list")]
    [InlineData("workflows:\n  w: {detach: sometimes}\n", "bad.yaml:2: workflows.w.detach: must be true or false, not a string")]
    [InlineData("contexts:\n  c: [a]\n", "bad.yaml:2: contexts.c: must be a map of workflow names (or \"*\", \"_events\") to data, not a list")]
    public void A_value_of_the_wrong_shape_skips_the_file_with_file_line_and_path(string yaml, string expected)
    {
        _repo.Write("init.yaml", "includes: [bad.yaml, ok.yaml]\n").Write("bad.yaml", yaml).Write("ok.yaml", "workflows: {fine: {}}\n");
        ConfigLoadResult result = _repo.Load();
        Assert.Equal(expected, Assert.Single(result.Errors()).ToString());
        Assert.True(result.Config.Workflows.ContainsKey("fine"), "the other file still loads");
        Assert.DoesNotContain("bad.yaml", result.Repos.Single().Files);
    }
}
