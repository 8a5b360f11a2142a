using Honeydipper.Core.Interpolation;
using Honeydipper.Core.Templates;
using Honeydipper.Core.Values;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Tests.Interpolation;

public class InterpolatorTests
{
    private static readonly Interpolator Interp = new(new TemplateOptions { TimeProvider = new TestTime(), LocalTimeZone = TimeZoneInfo.Utc });

    private static Dictionary<string, object?> Env(string yaml) => Assert.IsType<Dictionary<string, object?>>(GoYaml.Parse(yaml));

    [Fact]
    public void TestInterpolate_from_the_original()
    {
        Dictionary<string, object?> source = Env("""
            notmpl: raw
            templated: ' this is used by {{ index . "user" }}'
            map_with_template: {deep: ' another {{ index . "type" }}'}
            default_user: "$ctx.v1,ctx.v2,'default, value with comma'"
            item_in_list: '$list.{{ .ptr }}'
            yaml_with_template: ":yaml:\n---\ntest:\n  - 1 {{ index (index . \"list\") \"one\" }}\n  - 2 {{ index (index . \"list\") \"two\" }}"
            """);
        Dictionary<string, object?> env = Env("{user: test, type: direct, list: {one: one, two: two, three: the last one}, ptr: three}");

        object? result = Interp.Interpolate(source, env);

        Assert.Equal(
            """{"default_user":"default, value with comma","item_in_list":"the last one","map_with_template":{"deep":" another direct"},"notmpl":"raw","templated":" this is used by test","yaml_with_template":{"test":["1 one","2 two"]}}""",
            GoJson.Serialize(result));
    }

    [Fact]
    public void InterpolateStr_renders_templates() =>
        Assert.Equal("hello world", Interp.InterpolateStr("{{ index . \"hello\" }} {{ index . \"world\" }}", Env("{hello: hello, world: world}")));

    [Fact]
    public void Single_quoted_template_strings_are_a_parse_error()
    {
        InterpolationException e = Assert.Throws<InterpolationException>(() =>
            Interp.InterpolateStr("{{ index . 'hello' }} {{ index . \"world\" }}", Env("{h: hellow}")));
        Assert.StartsWith("template: go:1:", e.Message, StringComparison.Ordinal);
        Assert.Contains("malformed character constant: 'hello'", e.Message, StringComparison.Ordinal);
        Assert.IsType<TemplateException>(e.InnerException);
    }

    [Fact]
    public void Return_gives_typed_values()
    {
        Assert.Equal(true, Interp.Interpolate("{{ return true }}", Env("{}")));
        var map = Assert.IsType<Dictionary<string, object?>>(Interp.Interpolate("{{ dict \"foo\" \"bar\" | return }}", Env("{}")));
        Assert.Equal("bar", map["foo"]);
    }

    [Fact]
    public void A_returned_string_still_gets_the_yaml_and_backslash_rules()
    {
        Assert.Equal(new List<object?> { 1.0, 2.0 }, Interp.Interpolate("{{ return \":yaml:[1, 2]\" }}", Env("{}")));
        Assert.Equal("$x", Interp.Interpolate("{{ return \"\\\\$x\" }}", Env("{}")));
    }

    [Fact]
    public void Paths_return_any_type_and_fall_back_in_order()
    {
        Dictionary<string, object?> env = Env("{ctx: {a: '', num: 3, m: {k: v}, items: [{name: first}]}}");
        Assert.Equal(3.0, Interp.Interpolate("$ctx.num", env));
        Assert.Equal("v", Assert.IsType<Dictionary<string, object?>>(Interp.Interpolate("$ctx.m", env))["k"]);
        Assert.Equal("first", Interp.Interpolate("$ctx.items.0.name", env));
        Assert.Equal(3.0, Interp.Interpolate("$ctx.missing,ctx.num", env));
        // An empty string counts as found.
        Assert.Equal(string.Empty, Interp.Interpolate("$ctx.a,ctx.num", env));
        Assert.Equal("dflt", Interp.Interpolate("$ctx.missing,\"dflt\"", env));
        Assert.Equal("a,b", Interp.Interpolate("$ctx.missing,`a,b`", env));
    }

    [Fact]
    public void Optional_paths_give_null()
    {
        Assert.Null(Interp.Interpolate("$?ctx.missing", Env("{ctx: {}}")));
        Assert.Null(Interp.Interpolate("$?sysData.token", Env("{sysData: {}}")));
    }

    [Theory]
    [InlineData("$ctx.missing", "config error: invalid path: ctx.missing")]
    [InlineData("$?ctx.missing,\"d\"", "config error: allow nil combine with default value: $?ctx.missing,\"d\"")]
    [InlineData("$ctx.a\"d\"", "config error: missing comma: $ctx.a\"d\"")]
    [InlineData("$ctx.a,\"d'", "config error: quotes not matching: ctx.a,\"d'")]
    [InlineData("$", "config error: invalid path: ")]
    public void Path_errors_carry_the_original_messages(string path, string message)
    {
        InterpolationException e = Assert.Throws<InterpolationException>(() => Interp.Interpolate(path, Env("{ctx: {}}")));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void SysData_values_are_interpolated_again_other_values_are_not()
    {
        Dictionary<string, object?> env = Env("{ctx: {why: because, t: '{{ .ctx.why }}'}, sysData: {x: '{{ .ctx.why }}', p: $ctx.why}}");
        Assert.Equal("because", Interp.Interpolate("$sysData.x", env));
        Assert.Equal("because", Interp.Interpolate("$sysData.p", env));
        Assert.Equal("{{ .ctx.why }}", Interp.Interpolate("$ctx.t", env));
    }

    [Fact]
    public void A_backquoted_default_may_hold_a_template()
    {
        // essentials ai/workflows.yaml: convID: $ctx.convID,`{{ now | date "2006-01-02T15:04:05Z07:00" }}`
        Assert.Equal("2024-03-05T14:07:09Z",
            Interp.Interpolate("$ctx.convID,`{{ now | date \"2006-01-02T15:04:05Z07:00\" }}`", Env("{ctx: {}}")));
        Assert.Equal("c1", Interp.Interpolate("$ctx.convID,`{{ now }}`", Env("{ctx: {convID: c1}}")));
    }

    [Fact]
    public void Escaped_dollar_and_backslash()
    {
        Assert.Equal("$literal", Interp.Interpolate("\\$literal", Env("{}")));
        Assert.Equal("\\x", Interp.Interpolate("\\\\x", Env("{}")));
    }

    [Fact]
    public void Load_time_delimiters_are_left_alone_at_run_time() =>
        Assert.Equal("{% not interpolated %}", Interp.Interpolate("{% not interpolated %}", Env("{}")));

    [Fact]
    public void Yaml_parse_errors_are_interpolation_errors() =>
        Assert.Throws<InterpolationException>(() => Interp.Interpolate(":yaml:{a: [", Env("{}")));

    [Fact]
    public void Execution_errors_read_like_the_original()
    {
        InterpolationException e = Assert.Throws<InterpolationException>(() => Interp.Interpolate("{{ eq .num 1 }}", Env("{num: 1}")));
        Assert.Equal(
            "failed to interpolate: template: go:1:3: executing \"go\" at <eq .num 1>: error calling eq: incompatible types for comparison: float64 and int",
            e.Message);
    }

    [Fact]
    public void Plain_strings_come_back_as_the_same_instance()
    {
        string plain = "just text with a $ inside and {braces}";
        Assert.Same(plain, Interp.Interpolate(plain, Env("{}")));
    }

    [Fact]
    public void Plain_strings_and_scalars_allocate_nothing()
    {
        Dictionary<string, object?> env = Env("{ctx: {}}");
        string plain = "deploy to production";
        object number = 3.0;
        Interp.Interpolate(plain, env);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            Interp.Interpolate(plain, env);
            Interp.Interpolate(number, env);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Maps_and_lists_are_new_and_the_source_is_unchanged()
    {
        Dictionary<string, object?> source = Env("{a: '{{ .v }}', l: ['{{ .v }}', 1, true]}");
        var result = Assert.IsType<Dictionary<string, object?>>(Interp.Interpolate(source, Env("{v: x}")));
        Assert.NotSame(source, result);
        Assert.Equal("{{ .v }}", source["a"]);
        Assert.Equal("x", result["a"]);
        Assert.Equal(new List<object?> { "x", 1.0, true }, result["l"]);
    }

    [Fact]
    public void String_lists_are_interpolated_to_strings()
    {
        GoTypedList source = new("string") { "$ctx.num", "{{ .ctx.s }}" };
        var result = Assert.IsType<GoTypedList>(Interp.Interpolate(source, Env("{ctx: {num: 3, s: s}}")));
        Assert.Equal(new object?[] { "3", "s" }, result.ToArray());
    }

    [Fact]
    public void InterpolateStr_prints_values_like_Go()
    {
        Dictionary<string, object?> env = Env("{ctx: {m: {b: 2, a: [x]}, f: 2.5, nothing: null}}");
        Assert.Equal("map[a:[x] b:2]", Interp.InterpolateStr("$ctx.m", env));
        Assert.Equal("2.5", Interp.InterpolateStr("$ctx.f", env));
        Assert.Equal(string.Empty, Interp.InterpolateStr("$?ctx.nothing", env));
        Assert.Equal("[]", Interp.InterpolateStr("{{ return (list) }}", env));
        Assert.Equal("true", Interp.InterpolateStr("{{ return true }}", env));
    }

    [Fact]
    public void Templates_are_parsed_once_per_interpolator()
    {
        Interpolator interpolator = new();
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal("1", interpolator.InterpolateStr("{{ .v }}", Env("{v: 1}")));
        }

        Assert.Equal(1, interpolator.CachedTemplateCount);
    }

    [Fact]
    public void Concurrent_use_gives_the_same_results()
    {
        Interpolator interpolator = new();
        string[] results = new string[64];
        Parallel.For(0, results.Length, i =>
            results[i] = interpolator.InterpolateStr("{{ .i }}-{{ add .i 1 }}", new Dictionary<string, object?> { ["i"] = (double)i }));
        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal($"{i}-{i + 1}", results[i]);
        }
    }

    [Fact]
    public void Read_only_environments_work()
    {
        IReadOnlyDictionary<string, object?> env = new System.Collections.ObjectModel.ReadOnlyDictionary<string, object?>(
            new Dictionary<string, object?> { ["ctx"] = Env("{a: b}") });
        Assert.Equal("b", Interp.Interpolate("$ctx.a", env));
        Assert.Equal("b", Interp.Interpolate("{{ .ctx.a }}", env));
    }
}
