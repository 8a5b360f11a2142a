using Honeydipper.Core.Interpolation;
using Honeydipper.Core.Values;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Tests.Values;

public class MergeMapTests
{
    private static Dictionary<string, object?> Map(string yaml) => Assert.IsType<Dictionary<string, object?>>(GoYaml.Parse(yaml));

    private static string Merged(string dst, string src) => GoJson.Serialize(MergeMap.Merge(Map(dst), Map(src)));

    // TestMerge (semantics §2.6).
    [Theory]
    [InlineData("{f1: d1, f2: [item1, item2]}", "{f2+: null}", """{"f1":"d1","f2":["item1","item2"]}""")]
    [InlineData("{f1: d1, f2: null}", "{f2+: [item1, item2]}", """{"f1":"d1","f2":["item1","item2"]}""")]
    [InlineData("{f1: d1}", "{f2+: [item1, item2]}", """{"f1":"d1","f2":["item1","item2"]}""")]
    public void The_original_merge_tests(string dst, string src, string expected) => Assert.Equal(expected, Merged(dst, src));

    [Theory]
    [InlineData("{a: {x: 1, w: 2}}", "{a: {w: 3, z: 4}}", """{"a":{"w":3,"x":1,"z":4}}""")]
    [InlineData("{l: [1, 2]}", "{l: [3]}", """{"l":[3]}""")]
    [InlineData("{s: full}", "{s: ''}", """{"s":""}""")]
    [InlineData("{s: full}", "{s: null}", """{"s":null}""")]
    [InlineData("{b: true}", "{b: false}", """{"b":false}""")]
    [InlineData("{m: {x: 1}}", "{m: scalar}", """{"m":"scalar"}""")]
    [InlineData("{m: scalar}", "{m: {x: 1}}", """{"m":{"x":1}}""")]
    [InlineData("{l: [1]}", "{l+: [2, 3]}", """{"l":[1,2,3]}""")]
    [InlineData("{s: ab}", "{s+: cd}", """{"s":"abcd"}""")]
    [InlineData("{s: set}", "{s-: default}", """{"s":"set"}""")]
    [InlineData("{s: null}", "{s-: default}", """{"s":"default"}""")]
    [InlineData("{}", "{s-: default}", """{"s":"default"}""")]
    [InlineData("{m: {a: 1, b: 2}}", "{m*: {c: 3}}", """{"m":{"c":3}}""")]
    [InlineData("{m: {a: 1}}", "{m: {b: 2}}", """{"m":{"a":1,"b":2}}""")]
    [InlineData("{deep: {l: [1]}}", "{deep: {l+: [2]}}", """{"deep":{"l":[1,2]}}""")]
    public void Deep_merge_and_modifiers(string dst, string src, string expected) => Assert.Equal(expected, Merged(dst, src));

    [Fact]
    public void Modifiers_already_in_the_destination_are_applied()
    {
        Dictionary<string, object?> dst = Map("{a: 1, b+: x}");
        MergeMap.Merge(dst, null);
        Assert.Equal("""{"a":1,"b":"x"}""", GoJson.Serialize(dst));
    }

    [Fact]
    public void Appending_a_list_to_a_string_fails_with_the_path()
    {
        MergeException e = Assert.Throws<MergeException>(() => MergeMap.Merge(Map("{x: {s: text}}"), Map("{x: {s+: [1]}}")));
        Assert.Contains("x.s", e.Message, StringComparison.Ordinal);
        Assert.Contains("s+", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_source_is_copied_never_shared()
    {
        Dictionary<string, object?> src = Map("{m: {inner: [1]}, l: [a]}");
        Dictionary<string, object?> dst = [];
        MergeMap.Merge(dst, src);
        ((List<object?>)((Dictionary<string, object?>)dst["m"]!)["inner"]!).Add(2);
        ((List<object?>)dst["l"]!).Add("b");
        Assert.Equal("""{"l":["a"],"m":{"inner":[1]}}""", GoJson.Serialize(src));
    }

    // TestSessionLayered: each layer of `with` is interpolated against the ctx built so far, then merged.
    [Fact]
    public void Layered_with()
    {
        IList<object?> layers = (IList<object?>)GoYaml.Parse("""
            - foo: bar
            - foo+: " and "
              var1: $ctx.foo
            - foo+: bar2
            - var2: $ctx.foo
            """)!;
        Dictionary<string, object?> ctx = [];
        Interpolator interpolator = new();
        foreach (object? layer in layers)
        {
            var delta = (IDictionary<string, object?>)interpolator.Interpolate(layer, new Dictionary<string, object?> { ["ctx"] = ctx })!;
            MergeMap.Merge(ctx, delta);
        }

        Assert.Equal("""{"foo":"bar and bar2","var1":"bar","var2":"bar and bar2"}""", GoJson.Serialize(ctx));
    }

    // The documentation example of §2.6.
    [Fact]
    public void Layered_with_from_the_docs()
    {
        IList<object?> layers = (IList<object?>)GoYaml.Parse(
            "[{var1: initial value, var2: val2, foo: [bar]}, {var3: '{{ .ctx.var2 }}, {{ .ctx.var1 }}', foo+: [another bar]}]")!;
        Dictionary<string, object?> ctx = [];
        Interpolator interpolator = new();
        foreach (object? layer in layers)
        {
            MergeMap.Merge(ctx, (IDictionary<string, object?>)interpolator.Interpolate(layer, new Dictionary<string, object?> { ["ctx"] = ctx })!);
        }

        Assert.Equal("val2, initial value", ctx["var3"]);
        Assert.Equal(new List<object?> { "bar", "another bar" }, ctx["foo"]);
    }
}
