using Honeydipper.Core.Templates;
using Honeydipper.Core.Values;
using static Honeydipper.Core.Tests.Templates.TemplateRunner;

namespace Honeydipper.Core.Tests.Templates;

public class TemplateFeatureTests
{
    [Fact]
    public void Evaluate_returns_text_or_the_returned_value_and_Execute_returns_text()
    {
        GoTemplate t = GoTemplate.Parse("t", "x{{ return (dict \"a\" 1) }}y");
        Assert.Equal("xy", t.Execute(null));
        var map = Assert.IsType<Dictionary<string, object?>>(t.Evaluate(null));
        Assert.Equal(1, map["a"]);
    }

    [Fact]
    public void Custom_delimiters()
    {
        TemplateOptions options = new() { LeftDelimiter = "[[", RightDelimiter = "]]" };
        Assert.Equal("a {{ .x }} 1", GoTemplate.Parse("t", "a {{ .x }} [[ .x ]]", options).Execute(new Dictionary<string, object?> { ["x"] = 1 }));
        Assert.Equal("b", GoTemplate.Parse("t", "[[- \" a\" | trim -]]", options).Execute(null)[..0] + GoTemplate.Parse("t", "[[ \"b\" ]]", options).Execute(null));
    }

    [Fact]
    public void Now_comes_from_the_time_provider()
    {
        Assert.Equal("2024-03-05T14:07:09Z", Run("{{ now | ISO8601 }}"));
        TemplateOptions berlin = Options with { LocalTimeZone = TimeZoneInfo.CreateCustomTimeZone("X", TimeSpan.FromHours(2), "X", "X") };
        Assert.Equal("16:07 +0200", GoTemplate.Parse("t", "{{ now | date \"15:04 -0700\" }}", berlin).Execute(null));
    }

    [Fact]
    public void A_parsed_template_runs_in_parallel()
    {
        GoTemplate t = GoTemplate.Parse("t", "{{ range $k, $v := . }}{{ $k }}={{ $v | add 1 }};{{ end }}");
        string[] results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = t.Execute(new Dictionary<string, object?> { ["a"] = (double)i, ["b"] = 1.0 }));
        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal($"a={i + 1};b=2;", results[i]);
        }
    }

    [Fact]
    public void Function_maps_can_be_extended_and_trimmed()
    {
        TemplateFunctionMap map = TemplateFunctionMap.Honeydipper
            .With(new TemplateFunction("shout", [GoParam.String], null, (_, a) => ((string)a[0]!).ToUpperInvariant() + "!"))
            .Without("upper");
        TemplateOptions options = new() { Functions = map };
        Assert.Equal("HI!", GoTemplate.Parse("t", "{{ shout \"hi\" }}", options).Execute(null));
        Assert.Throws<TemplateException>(() => GoTemplate.Parse("t", "{{ upper \"hi\" }}", options));
        Assert.True(TemplateFunctionMap.Builtins.Contains("printf"));
        Assert.False(TemplateFunctionMap.Builtins.Contains("upper"));
    }

    [Fact]
    public void Data_may_be_any_of_our_shapes()
    {
        Assert.Equal("[1 2]", Run("{{ . }}", new List<object?> { 1, 2L }));
        Assert.Equal("x", Run("{{ .k }}", new System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>(new Dictionary<string, object?> { ["k"] = "x" })));
        Assert.Equal("<no value>", Run("{{ . }}", null));
        Assert.Equal("3", Run("{{ .counter }}", new Dictionary<string, object?> { ["counter"] = 3 }));
    }

    [Fact]
    public void Typed_lists_keep_their_go_type()
    {
        object? list = Eval("{{ splitList \",\" \"a,b\" | return }}");
        Assert.Equal("[]string", GoTypes.TypeName(list));
        Assert.Equal("[]int", GoTypes.TypeName(Eval("{{ until 2 | return }}")));
        Assert.Equal("map[string]string", GoTypes.TypeName(Eval("{{ split \",\" \"a\" | return }}")));
    }

    [Fact]
    public void Template_names_are_listed() =>
        Assert.Equal(["a", "t"], GoTemplate.Parse("t", "{{ define \"a\" }}x{{ end }}").TemplateNames.Order(StringComparer.Ordinal));
}
