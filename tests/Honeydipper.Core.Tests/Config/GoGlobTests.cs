using Honeydipper.Core.Config.Loading;

namespace Honeydipper.Core.Tests.Config;

/// <summary>Go's filepath.Match rules, which includes use.</summary>
public sealed class GoGlobTests
{
    [Theory]
    [InlineData("*.yaml", "a.yaml", true)]
    [InlineData("*.yaml", "a.yml", false)]
    [InlineData("work*", "workflow1.yaml", true)]
    [InlineData("*", "a/b", false)]
    [InlineData("?.yaml", "ab.yaml", false)]
    [InlineData("?.yaml", "a.yaml", true)]
    [InlineData("[ab].yaml", "b.yaml", true)]
    [InlineData("[^ab].yaml", "b.yaml", false)]
    [InlineData("[^ab].yaml", "c.yaml", true)]
    [InlineData("[a-c]x", "bx", true)]
    [InlineData("[a-c]x", "dx", false)]
    [InlineData("\\*.yaml", "*.yaml", true)]
    [InlineData("\\*.yaml", "a.yaml", false)]
    [InlineData("a*b*c", "aXbYc", true)]
    [InlineData("a*b*c", "aXbY", false)]
    public void Match_follows_go(string pattern, string name, bool expected) => Assert.Equal(expected, GoGlob.Match(pattern, name));

    [Theory]
    [InlineData("[a")]
    [InlineData("abc\\")]
    [InlineData("x[^")]
    public void Malformed_patterns_are_errors(string pattern) => Assert.Throws<FormatException>(() => GoGlob.Validate(pattern));
}
