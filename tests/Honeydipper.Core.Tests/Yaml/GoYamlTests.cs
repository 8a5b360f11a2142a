using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Tests.Yaml;

public class GoYamlTests
{
    private static Dictionary<string, object?> Map(string yaml) => Assert.IsType<Dictionary<string, object?>>(GoYaml.Parse(yaml));

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yes", true)]
    [InlineData("ON", true)]
    [InlineData("y", true)]
    [InlineData("no", false)]
    [InlineData("Off", false)]
    [InlineData("FALSE", false)]
    public void Yaml_1_1_words_are_booleans(string word, bool expected) =>
        Assert.Equal(expected, Map($"v: {word}")["v"]);

    [Theory]
    [InlineData("'yes'")]
    [InlineData("\"no\"")]
    [InlineData("yEs")]
    public void Quoted_or_odd_cased_words_stay_strings(string word) => Assert.IsType<string>(Map($"v: {word}")["v"]);

    [Theory]
    [InlineData("3", 3.0)]
    [InlineData("-12", -12.0)]
    [InlineData("0x1F", 31.0)]
    [InlineData("010", 8.0)]
    [InlineData("1_000", 1000.0)]
    [InlineData("1.5", 1.5)]
    [InlineData("1e3", 1000.0)]
    [InlineData(".5", 0.5)]
    public void Numbers_are_doubles(string text, double expected) => Assert.Equal(expected, Map($"v: {text}")["v"]);

    [Theory]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("")]
    public void Null_words_are_null(string text) => Assert.Null(Map($"v: {text}")["v"]);

    [Fact]
    public void Boolean_and_number_keys_become_strings_as_ghodss_makes_them()
    {
        Dictionary<string, object?> map = Map("on: a\n1: b\n1.5: c\nno: d");
        Assert.Equal(["true", "1", "1.5", "false"], map.Keys);
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_resolve()
    {
        Dictionary<string, object?> map = Map("base: &b {k1: 1, k2: 2}\nother:\n  <<: *b\n  k2: 3\ncopy: *b");
        var other = Assert.IsType<Dictionary<string, object?>>(map["other"]);
        Assert.Equal(1.0, other["k1"]);
        Assert.Equal(3.0, other["k2"]);
        Assert.NotSame(map["base"], map["copy"]);
    }

    [Fact]
    public void Locations_of_maps_and_keys_are_one_based()
    {
        var map = Assert.IsType<Dictionary<string, object?>>(GoYaml.Parse("a: 1\nnested:\n  key: value\n", "f.yaml"));
        Assert.Equal(new SourceLocation("f.yaml", 2, 1), SourceLocations.OfKey(map, "nested"));
        Assert.Equal(new SourceLocation("f.yaml", 3, 3), SourceLocations.OfKey(map["nested"], "key"));
    }

    [Fact]
    public void Malformed_yaml_reports_file_line_and_column()
    {
        YamlLoadException ex = Assert.Throws<YamlLoadException>(() => GoYaml.Parse("a: 1\nb: [1, 2\nc: 3\n", "bad.yaml"));
        Assert.Equal("bad.yaml", ex.Location!.File);
        Assert.True(ex.Location.Line >= 2, ex.Message);
    }

    [Fact]
    public void An_unclosed_flow_sequence_inside_a_block_says_so_with_its_line()
    {
        YamlLoadException ex = Assert.Throws<YamlLoadException>(() => GoYaml.Parse("a:\n  - [1, 2\n  - b\n", "bad.yaml"));
        Assert.Equal(2, ex.Location!.Line);
        Assert.Contains("is not closed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_without_exhausting_the_stack()
    {
        string text = new string('[', 100_000) + new string(']', 100_000);
        YamlLoadException ex = Assert.Throws<YamlLoadException>(() => GoYaml.Parse(text, "deep.yaml"));
        Assert.Contains("nesting deeper", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_alias_is_an_error() =>
        Assert.Throws<YamlLoadException>(() => GoYaml.Parse("a: *nothing"));

    [Fact]
    public void ParseAll_reads_every_document() =>
        Assert.Equal(3, GoYaml.ParseAll("a: 1\n---\nb: 2\n---\nc: 3\n").Count);

    [Fact]
    public void Serialize_writes_go_yaml_v2_layout()
    {
        Dictionary<string, object?> value = new()
        {
            ["b"] = new List<object?> { "x", 2.0, new Dictionary<string, object?> { ["k"] = "v", ["j"] = true } },
            // "n" is quoted: go-yaml v2 reads a bare n as the boolean false, so it must write it quoted.
            ["a"] = new Dictionary<string, object?> { ["num"] = 1.5, ["n"] = "x", ["s"] = "true", ["e"] = new Dictionary<string, object?>() },
            ["c"] = "line1\nline2",
            ["d"] = "a: b",
        };
        Assert.Equal(
            "a:\n  e: {}\n  \"n\": x\n  num: 1.5\n  s: \"true\"\nb:\n- x\n- 2\n- j: true\n  k: v\nc: |-\n  line1\n  line2\nd: 'a: b'\n",
            GoYaml.Serialize(value));
    }

    [Fact]
    public void Serialized_text_reads_back_to_the_same_data()
    {
        const string text = "list:\n- 1\n- two\n- {x: 'yes'}\nmap: {a: null, b: false}\n";
        object? value = GoYaml.Parse(text);
        object? again = GoYaml.Parse(GoYaml.Serialize(value));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(value), System.Text.Json.JsonSerializer.Serialize(again));
    }

    [Theory]
    [InlineData(3.0, "3")]
    [InlineData(1.5, "1.5")]
    [InlineData(1e6, "1e+06")]
    [InlineData(123456.0, "123456")]
    [InlineData(1e21, "1e+21")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.5e-7, "-2.5e-07")]
    [InlineData(0.1, "0.1")]
    public void FormatFloat_matches_go_percent_v(double value, string expected) => Assert.Equal(expected, GoFormat.FormatFloat(value));

    [Theory]
    [InlineData(1e6, "1000000")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(0.5, "0.5")]
    public void JsonFloat_matches_encoding_json(double value, string expected) => Assert.Equal(expected, GoFormat.JsonFloat(value));
}
