using Honeydipper.Core.Config.Model;

namespace Honeydipper.Core.Tests.Config;

/// <summary>System <c>extends</c>: inheritance and subsystems (semantics §1.4), resolved after assembly.</summary>
public sealed class ExtendsTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void A_system_inherits_its_bases_in_order_and_its_own_definition_wins()
    {
        _repo.Write("init.yaml", """
            systems:
              base1:
                data: {a: base1, b: base1, list: [1]}
                functions: {f: {driver: web, rawAction: get}, g: {driver: web}}
              base2:
                data: {b: base2, c: base2, list: [2]}
                functions: {f: {rawAction: post}}
              child:
                extends: [base1, base2]
                description: child
                data: {c: child, list: [3]}
                triggers: {t: {driver: webhook}}
            """);
        var result = _repo.Load();
        Assert.Empty(result.Problems);
        SystemDefinition child = result.Config.Systems["child"];
        Assert.Equal("base1", child.Data!["a"]);
        Assert.Equal("base2", child.Data["b"]);
        Assert.Equal("child", child.Data["c"]);
        Assert.Equal([1.0, 2.0, 3.0], child.Data["list"].AsList());
        Assert.Equal("web", child.Functions["f"].Driver);
        Assert.Equal("post", child.Functions["f"].RawAction);
        Assert.Equal(["f", "g"], child.Functions.Keys.Order());
        Assert.Equal("child", child.Description);
        Assert.Equal("get", result.Config.Systems["base1"].Functions["f"].RawAction);
    }

    [Fact]
    public void Bases_are_extended_first_even_when_defined_in_another_file()
    {
        _repo.Write("init.yaml", "includes: [more.yaml]\nsystems:\n  top: {extends: [middle]}\n")
            .Write("more.yaml", "systems:\n  middle: {extends: [bottom]}\n  bottom: {data: {from: bottom}}\n");
        Assert.Equal("bottom", _repo.Load().Config.Systems["top"].Data!["from"]);
    }

    [Fact]
    public void A_subsystem_embeds_the_base_under_its_key()
    {
        _repo.Write("init.yaml", """
            systems:
              kube:
                data: {cluster: c1}
                functions: {createJob: {driver: kubernetes, rawAction: createJob}}
                triggers: {done: {driver: kubernetes}}
              ops:
                extends: ['cluster = kube']
                data: {token: t}
            """);
        SystemDefinition ops = _repo.Load().Config.Systems["ops"];
        Assert.Equal("createJob", ops.Functions["cluster.createJob"].RawAction);
        Assert.True(ops.Triggers.ContainsKey("cluster.done"));
        Assert.Equal("c1", ops.Data!["cluster"].AsMap()["cluster"]);
        Assert.Equal("t", ops.Data["token"]);
    }

    [Fact]
    public void A_missing_base_is_an_error_instead_of_an_empty_system()
    {
        _repo.Write("init.yaml", "systems:\n  slack_bot: {extends: [slak]}\n  slack: {}\n");
        var result = _repo.Load();
        Assert.Equal(
            "init.yaml:2: system slack_bot: extends[0]: system \"slak\" not defined (did you mean \"slack\"?)",
            Assert.Single(result.Errors()).ToString());
        Assert.False(result.Config.Systems.ContainsKey("slak"));
    }

    [Fact]
    public void A_cycle_of_extends_is_reported_and_does_not_recurse_forever()
    {
        _repo.Write("init.yaml", "systems:\n  a: {extends: [b], data: {x: a}}\n  b: {extends: [a], data: {y: b}}\n");
        var result = _repo.Load();
        Assert.Contains("extends cycle: a → b → a", Assert.Single(result.Errors()).Message, StringComparison.Ordinal);
        Assert.Equal(2, result.Config.Systems.Count);
    }
}
