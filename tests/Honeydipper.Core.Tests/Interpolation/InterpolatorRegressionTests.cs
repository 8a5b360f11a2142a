using Honeydipper.Core.Interpolation;

namespace Honeydipper.Core.Tests.Interpolation;

/// <summary>Cases found by running real configurations through the engine.</summary>
public sealed class InterpolatorRegressionTests
{
    [Theory]
    [InlineData("{{ \"\" }}")]
    [InlineData("{{- if false }}x{{ end -}}")]
    public void A_template_that_renders_nothing_is_the_empty_string(string template) =>
        Assert.Equal(string.Empty, new Interpolator().Interpolate(template, new Dictionary<string, object?>()));

    [Theory]
    [InlineData("{{ (splitn \" \" 2 \"slash help\")._1 }}", "help")]
    [InlineData("{{ (splitn \" \" 2 \"help\")._1 | default \"\" }}", "")]
    [InlineData("{{ typeOf (int \"3\") }}", "int")]
    [InlineData("{{ typeOf 3 }}", "int")]
    [InlineData("{{ trunc 2 \"abc\" }}", "ab")]
    public void Integer_arguments_and_results_are_go_ints(string template, string expected) =>
        Assert.Equal(expected, new Interpolator().Interpolate(template, new Dictionary<string, object?>()));
}
