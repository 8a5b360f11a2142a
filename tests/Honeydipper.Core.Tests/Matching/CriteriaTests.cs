using System.Text.RegularExpressions;
using Honeydipper.Core.Matching;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Tests.Matching;

public class CriteriaTests
{
    // pkg/dipper/condition_test.go, as listed in the semantics reference §4 (":regex:" strings become compiled regexes).
    private const string Table = """
        - {actual: "test value1", criteria: "test value1", expect: true}
        - {actual: "test value1", criteria: "test value2", expect: false}
        - {actual: "test value1", criteria: ":regex:test value[1-3]", expect: true}
        - {actual: "1test value21", criteria: ":regex:test value[1-3]", expect: true}
        - {actual: "test value5", criteria: ":regex:test value[1-3]", expect: false}
        - {actual: "test value1", criteria: [wef, ksdfj, "test value1", we], expect: true}
        - {actual: "test value1", criteria: [wef, ksdfj, "test value9", we], expect: false}
        - {actual: "test value8", criteria: [wef, ksdfj, ":regex:test value[0-9]", we], expect: true}
        - {actual: [dsf, wrong, "test value1"], criteria: "test value1", expect: true}
        - {actual: [dsf, wrong, "test value1"], criteria: "test value2", expect: false}
        - {actual: [dsf, wrong, "test value1"], criteria: ":regex:test value[1-3]", expect: true}
        - {actual: [dsf, wrong, "test value9"], criteria: ":regex:test value[1-3]", expect: false}
        - {actual: [dsf, wrong, "test value1"], criteria: ["test value1", "no value", another], expect: true}
        - {actual: [dsf, wrong, "test value1"], criteria: ["test value9", "no value", another], expect: false}
        - {actual: [dsf, wrong, "test value1"], criteria: [":regex:test value[2-3]", "no value", another], expect: false}
        - {actual: ["test 1", "test 2", "test 3"], criteria: [":all:", ":regex:test [1-3]"], expect: true}
        - {actual: ["test 1", "test 2", "test 4"], criteria: [":all:", ":regex:test [1-3]"], expect: false}
        - {actual: ["test 1", "test 2", "test 4"], criteria: [":all:", [":regex:test [1-3]", "test 4"]], expect: true}
        - {actual: {key1: val1, key2: val2}, criteria: {key1: val1}, expect: true}
        - {actual: {key1: val1, key2: val2}, criteria: {key1: val0}, expect: false}
        - {actual: {key1: val1, key2: val2}, criteria: {key1: val1, key2: val0}, expect: false}
        - {actual: {key1: val1, key2: val2}, criteria: {":absent:": key3}, expect: true}
        - {actual: {key1: val1, key2: val2}, criteria: {":absent:": ":regex:key3[1-3]"}, expect: true}
        - {actual: {key1: val1, key2: val2, key3: val3}, criteria: {":absent:": ":regex:key3[1-3]*"}, expect: false}
        - {actual: {key1: val1, key2: val2}, criteria: {":present:": key3}, expect: false}
        - {actual: {key1: val1, key2: val2, key3: val3}, criteria: {":present:": ":regex:key3[1-3]*"}, expect: true}
        - {actual: {key1: val1, key2: val2, key3: val3}, criteria: "invalid condition", expect: false}
        - {actual: {key1: val1, key2: val2, key3: val3}, criteria: {key4: "111"}, expect: false}
        - {actual: {key1: val1, key2: val2}, criteria: {key1: val1, "key2!": val2}, expect: false}
        - {actual: {key1: val1, key2: val2}, criteria: {key1: val1, "key2!": val3}, expect: true}
        - {actual: {key1: val1, key2: val2}, criteria: {key1: val1, "key3!": val3}, expect: true}
        - {actual: {key1: val1, key2: val2}, criteria: {key1: val1, ":except:": {key2: val2}}, expect: false}
        - {actual: {key1: val1, key2: val2}, criteria: {key1: val1, ":except:": {key2: val3}}, expect: true}
        - {actual: {key1: val1, key2: val2}, criteria: {key1: val1, ":except:": {key3: val3}}, expect: true}
        """;

    private static IList<object?> Cases() => (IList<object?>)GoYaml.Parse(Table)!;

    public static TheoryData<int> Indexes() => [.. Enumerable.Range(0, Cases().Count)];

    [Theory]
    [MemberData(nameof(Indexes))]
    public void The_original_condition_table(int index)
    {
        var c = (IDictionary<string, object?>)Cases()[index]!;
        Criteria criteria = Criteria.Compile(c["criteria"]);
        Assert.Equal((bool)c["expect"]!, criteria.Matches(c["actual"]));
        Assert.Equal((bool)c["expect"]!, Condition.CompareAll(c["actual"], c["criteria"]));
    }

    [Theory]
    [InlineData("{a: 1}", "{a: '1'}", false)]
    [InlineData("{a: true}", "{a: 'true'}", false)]
    [InlineData("{a: 'true'}", "{a: true}", false)]
    [InlineData("{a: null}", "{a: x}", false)]
    [InlineData("{a: x}", "{a: null}", true)]
    [InlineData("{}", "{a: null}", false)]
    [InlineData("{a: x}", "{'a!': null}", false)]
    [InlineData("{}", "{'a!': null}", true)]
    [InlineData("{a: x}", "[]", true)]
    [InlineData("{a: x}", "[{a: z}, {a: x}]", true)]
    [InlineData("{a: x}", "{':auth:': whatever}", true)]
    [InlineData("{a: x}", "{':present:': null}", true)]
    [InlineData("{a: x, b: z}", "{':present:': [':all:', ':regex:^[ab]$']}", true)]
    [InlineData("{a: x, c: z}", "{':present:': [':all:', ':regex:^[ab]$']}", false)]
    [InlineData("{headers: {X-Github-Event: [push]}}", "{headers: {X-Github-Event: push}}", true)]
    [InlineData("{json: {repository: {full_name: org/repo}, ref: refs/heads/main}}", "{json: {repository: {full_name: org/repo}, ref: ':regex:^refs/heads/'}}", true)]
    [InlineData("[{a: x}, {a: z}]", "{a: z}", true)]
    [InlineData("{a: y}", "{a: 'true'}", false)]
    [InlineData("[]", "[':all:', x]", true)]
    public void Quirks_of_string_only_matching(string actual, string criteria, bool expected) =>
        Assert.Equal(expected, Criteria.Compile(GoYaml.Parse(criteria)).Matches(GoYaml.Parse(actual)));

    [Fact]
    public void Null_criteria_match_anything() => Assert.True(Criteria.Any.Matches(null));

    [Fact]
    public void An_invalid_regex_is_kept_as_a_string_with_a_warning()
    {
        Criteria criteria = Criteria.Compile(GoYaml.Parse("{a: ':regex:(unclosed'}"));
        string warning = Assert.Single(criteria.Warnings);
        Assert.Contains("$.a", warning, StringComparison.Ordinal);
        Assert.Contains("missing closing )", warning, StringComparison.Ordinal);
        Assert.True(criteria.Matches(GoYaml.Parse("{a: ':regex:(unclosed'}")));
        Assert.False(criteria.Matches(GoYaml.Parse("{a: unclosed}")));
    }

    [Fact]
    public void Dot_net_only_regex_syntax_is_rejected_not_reinterpreted()
    {
        Criteria criteria = Criteria.Compile(":regex:foo(?=bar)");
        Assert.Contains("invalid or unsupported Perl syntax", Assert.Single(criteria.Warnings), StringComparison.Ordinal);
        Assert.False(criteria.Matches("foobar"));
    }

    [Fact]
    public void Numbers_in_criteria_never_match_and_are_reported()
    {
        Criteria criteria = Criteria.Compile(GoYaml.Parse("{status_code: 200}"));
        Assert.Contains("$.status_code", Assert.Single(criteria.Warnings), StringComparison.Ordinal);
        Assert.False(criteria.Matches(GoYaml.Parse("{status_code: '200'}")));
    }

    [Fact]
    public void All_without_a_target_is_reported()
    {
        Criteria criteria = Criteria.Compile(new List<object?> { ":all:" });
        Assert.Single(criteria.Warnings);
        Assert.True(criteria.Matches(new List<object?> { "x" }));
    }

    [Theory]
    [InlineData(":regex:a$", "a\n", false)]
    [InlineData(":regex:(?m)a$", "a\n", true)]
    [InlineData(":regex:^\\d+$", "١٢", false)]
    [InlineData(":regex:^\\d+$", "12", true)]
    [InlineData(":regex:^(?i)abc$", "ABC", true)]
    [InlineData(":regex:^(?P<x>a)b$", "ab", true)]
    [InlineData(":regex:^[[:alpha:]]+$", "abc", true)]
    [InlineData(":regex:^[[:alpha:]]+$", "ab1", false)]
    [InlineData(":regex:^\\Qa.b\\E$", "a.b", true)]
    [InlineData(":regex:^\\Qa.b\\E$", "axb", false)]
    [InlineData(":regex:\\x{263a}", "smile ☺", true)]
    public void Regexes_mean_what_they_mean_in_Go(string criteria, string actual, bool expected)
    {
        Criteria compiled = Criteria.Compile(criteria);
        Assert.Empty(compiled.Warnings);
        Assert.Equal(expected, compiled.Matches(actual));
    }

    [Fact]
    public void Precompiled_regex_values_are_used()
    {
        Criteria criteria = Criteria.Compile(new Dictionary<string, object?> { ["a"] = new Regex("^x") });
        Assert.True(criteria.Matches(new Dictionary<string, object?> { ["a"] = "xyz" }));
    }

    [Fact]
    public void Matching_allocates_nothing()
    {
        Criteria criteria = Criteria.Compile(GoYaml.Parse(
            "{url: /hook, headers: {X-Github-Event: [push, ':regex:^pull']}, ':present:': json, ':absent:': nope, 'bad!': x, json: {ref: ':regex:main$'}}"));
        object? actual = GoYaml.Parse("{url: /hook, headers: {X-Github-Event: [push]}, json: {ref: refs/heads/main}}");
        Assert.True(criteria.Matches(actual));
        long before = GC.GetAllocatedBytesForCurrentThread();
        bool all = true;
        for (int i = 0; i < 100; i++)
        {
            all &= criteria.Matches(actual);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(all);
        Assert.Equal(0, allocated);
    }
}
