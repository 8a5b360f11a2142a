using Honeydipper.Core.Matching;

namespace Honeydipper.Core.Tests.Matching;

public class GoRegexTests
{
    [Theory]
    [InlineData("a(?=b)", "invalid or unsupported Perl syntax: `(?=`")]
    [InlineData("(?<=a)b", "invalid named capture: `(?<=a)b`")]
    [InlineData("(?<!a>b)", "invalid named capture: `(?<!a>`")]
    [InlineData("(?>a)", "invalid or unsupported Perl syntax: `(?>`")]
    [InlineData("(?#comment)", "invalid or unsupported Perl syntax: `(?#`")]
    [InlineData("(?x)a b", "invalid or unsupported Perl syntax: `(?x`")]
    [InlineData("(a)\\1", "invalid escape sequence: `\\1`")]
    [InlineData("\\k<x>", "invalid escape sequence: `\\k`")]
    [InlineData("a\\Z", "invalid escape sequence: `\\Z`")]
    [InlineData("a**", "invalid nested repetition operator: `**`")]
    [InlineData("a*+", "invalid nested repetition operator: `*+`")]
    [InlineData("*a", "missing argument to repetition operator: `*`")]
    [InlineData("a{1001}", "invalid repeat count: `{1001}`")]
    [InlineData("a{2,1}", "invalid repeat count: `{2,1}`")]
    [InlineData("(a", "missing closing ): `(a`")]
    [InlineData("a)", "unexpected ): `a)`")]
    [InlineData("[a", "missing closing ]: `[a`")]
    [InlineData("[z-a]", "invalid character class range: `z-a`")]
    [InlineData("(?P<n>a)(?P<n>b)", "duplicate capture group name: `n`")]
    [InlineData("\\p{Greek}", "invalid character class range")]
    public void Constructs_Go_rejects_are_rejected(string pattern, string error)
    {
        Assert.False(GoRegex.TryCompile(pattern, out _, out string? message));
        Assert.Contains(error, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(?U)a+", "aaa", "a")]
    [InlineData("(?U)a+?", "aaa", "aaa")]
    [InlineData("a{,2}", "a{,2}", "a{,2}")]
    [InlineData("[a-z-[aeiou]]+", "x-]]", "-]]")]
    [InlineData("\\101\\x42\\x{43}", "ABC", "ABC")]
    [InlineData("[\\d\\s]+", "1 2", "1 2")]
    [InlineData("[^\\D]+", "x42y", "42")]
    [InlineData("\\pL+", "héllo1", "héllo")]
    [InlineData("(?s)a.b", "a\nb", "a\nb")]
    [InlineData("a.b", "a\nb", "")]
    [InlineData("(?i:A)b", "ab", "ab")]
    public void Patterns_find_what_Go_finds(string pattern, string input, string expected) =>
        Assert.Equal(expected, GoRegex.Compile(pattern).Find(input));

    [Fact]
    public void Named_groups_keep_Go_numbering()
    {
        GoRegex regex = GoRegex.Compile("(?P<first>a)(b)");
        Assert.Equal("b|a|a", regex.ReplaceAll("ab", "$2|$1|${first}"));
        Assert.Equal(new string?[] { null, "first", null }, regex.GroupNames);
    }

    [Theory]
    [InlineData("$$", "$")]
    [InlineData("$", "$")]
    [InlineData("${1", "${1")]
    [InlineData("$01", "")]
    [InlineData("${9}x", "x")]
    public void Expansion_follows_Go(string template, string expected) =>
        Assert.Equal(expected, GoRegex.Compile("(a)").ReplaceAll("a", template));

    [Fact]
    public void FindAll_and_Split_handle_empty_matches_like_Go()
    {
        GoRegex regex = GoRegex.Compile("a*");
        Assert.Equal(new[] { "", "aaa", "" }, regex.FindAll("baaac", -1));
        Assert.Null(regex.FindAll("x", 0));
        Assert.Equal(new[] { "", "b", "b", "c", "cadaaae" }, regex.Split("abaabaccadaaae", 5));
        Assert.Null(regex.Split("x", 0));
        Assert.Equal(new[] { "" }, GoRegex.Compile("x").Split("", -1));
    }

    [Fact]
    public void Compiled_patterns_are_cached() => Assert.Same(GoRegex.Compile("^cache-me$"), GoRegex.Compile("^cache-me$"));
}
