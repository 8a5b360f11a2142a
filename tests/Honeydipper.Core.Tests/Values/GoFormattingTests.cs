using Honeydipper.Core.Values;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Tests.Values;

public class GoFormattingTests
{
    [Theory]
    [InlineData("3", "3")]
    [InlineData("2.5", "2.5")]
    [InlineData("1000000", "1e+06")]
    [InlineData("123456789", "1.23456789e+08")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("0.00001", "1e-05")]
    [InlineData("{b: 2, a: [x, null]}", "map[a:[x <nil>] b:2]")]
    [InlineData("[]", "[]")]
    [InlineData("{}", "map[]")]
    [InlineData("true", "true")]
    public void Percent_v_prints_like_Go(string yaml, string expected) =>
        Assert.Equal(expected, GoValueFormatter.Format(GoYaml.Parse($"v: {yaml}") is IDictionary<string, object?> m ? m["v"] : null));

    [Fact]
    public void Percent_v_of_other_values()
    {
        Assert.Equal("<nil>", GoValueFormatter.Format(null));
        Assert.Equal("42", GoValueFormatter.Format(42L));
        Assert.Equal("1h30m0s", GoValueFormatter.Format(TimeSpan.FromMinutes(90)));
        Assert.Equal("2024-03-05 14:07:09.5 +0200 +0200", GoValueFormatter.FormatPlus(
            new DateTimeOffset(2024, 3, 5, 14, 7, 9, 500, TimeSpan.FromHours(2))));
    }

    [Fact]
    public void Json_is_Go_encoding_json()
    {
        object? data = GoYaml.Parse("{z: 1, a: '<&>', l: [1.5, null, true], e: {}, u: \"\\u2028\"}");
        Assert.Equal("{\"a\":\"\\u003c\\u0026\\u003e\",\"e\":{},\"l\":[1.5,null,true],\"u\":\"\\u2028\",\"z\":1}", GoJson.Serialize(data));
        Assert.Equal("{\"a\":\"<&>\",\"e\":{},\"l\":[1.5,null,true],\"u\":\"\\u2028\",\"z\":1}", GoJson.Serialize(data, escapeHtml: false));
        Assert.Equal("\"\\b\\f\\n\\u0001\"", GoJson.Serialize("\b\f\n\u0001"));
        Assert.Throws<NotSupportedException>(() => GoJson.Serialize(double.NaN));
    }

    [Fact]
    public void Json_reads_numbers_as_doubles_and_rejects_bad_text()
    {
        var map = Assert.IsType<Dictionary<string, object?>>(GoJson.Deserialize("{\"a\": 1, \"b\": [true, null, \"x\"], \"a\": 2}"));
        Assert.Equal(2.0, map["a"]);
        Assert.Equal(new List<object?> { true, null, "x" }, map["b"]);
        Assert.Throws<FormatException>(() => GoJson.Deserialize("{"));
        Assert.Throws<FormatException>(() => GoJson.Deserialize("1 2"));
        Assert.Throws<FormatException>(() => GoJson.Deserialize(""));
    }

    [Theory]
    [InlineData("1h30m", 5_400_000_000_000L)]
    [InlineData("-1.5s", -1_500_000_000L)]
    [InlineData("300ms", 300_000_000L)]
    [InlineData("1us", 1000L)]
    [InlineData("1µs", 1000L)]
    [InlineData("0", 0L)]
    [InlineData("+20m", 1_200_000_000_000L)]
    public void Durations_parse_like_Go(string text, long nanoseconds) => Assert.Equal(nanoseconds, GoDuration.Parse(text));

    [Theory]
    [InlineData("1d", "time: unknown unit \"d\" in duration \"1d\"")]
    [InlineData("1", "time: missing unit in duration \"1\"")]
    [InlineData("", "time: invalid duration \"\"")]
    [InlineData("x", "time: invalid duration \"x\"")]
    public void Bad_durations_fail_with_Go_messages(string text, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => GoDuration.Parse(text)).Message);

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(1L, "1ns")]
    [InlineData(1_500L, "1.5µs")]
    [InlineData(1_500_000L, "1.5ms")]
    [InlineData(90_000_000_000L, "1m30s")]
    [InlineData(3_600_000_000_000L, "1h0m0s")]
    [InlineData(-2_500_000_000L, "-2.5s")]
    public void Durations_print_like_Go(long nanoseconds, string text) => Assert.Equal(text, GoDuration.Format(nanoseconds));

    [Theory]
    [InlineData("2006-01-02T15:04:05Z07:00", "2017-12-31T23:59:58+02:00", "2017-12-31T21:59:58Z")]
    [InlineData("2006-01-02 15:04:05.000", "2020-02-29 10:11:12.345", "2020-02-29T10:11:12.345Z")]
    [InlineData("Jan _2 15:04:05 2006", "Mar  5 14:07:09 2024", "2024-03-05T14:07:09Z")]
    [InlineData("02/01/2006 3:04PM", "05/03/2024 2:07PM", "2024-03-05T14:07:00Z")]
    public void Time_layouts_parse_like_Go(string layout, string value, string utc) =>
        Assert.Equal(utc, GoTimeLayout.Format(GoTimeLayout.Parse(layout, value, TimeZoneInfo.Utc).ToUniversalTime(), "2006-01-02T15:04:05.999999999Z07:00"));

    [Fact]
    public void Bad_times_fail_with_Go_messages() =>
        Assert.Equal(
            "parsing time \"2024-13-01\" as \"2006-01-02\": cannot parse \"13-01\" as \"01\"",
            Assert.Throws<FormatException>(() => GoTimeLayout.Parse("2006-01-02", "2024-13-01", TimeZoneInfo.Utc)).Message);

    [Fact]
    public void Paths_find_map_keys_and_list_indexes()
    {
        object? data = GoYaml.Parse("{a: {l: [{x: 1}, null]}}");
        Assert.True(DataPath.TryGet(data, "a.l.0.x", out object? v));
        Assert.Equal(1.0, v);
        Assert.False(DataPath.TryGet(data, "a.l.1", out _));
        Assert.False(DataPath.TryGet(data, "a.l.2", out _));
        Assert.False(DataPath.TryGet(data, "a.l.-1", out _));
        Assert.False(DataPath.TryGet(data, "a.l.0.x.y", out _));
        Assert.False(DataPath.TryGet(null, "a", out _));
    }
}
