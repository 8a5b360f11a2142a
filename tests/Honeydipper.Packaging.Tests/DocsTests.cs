using System.Text.RegularExpressions;

namespace Honeydipper.Packaging.Tests;

/// <summary>The installation and operations docs are reachable from the README and their links lead somewhere.</summary>
public sealed partial class DocsTests
{
    [Theory]
    [InlineData("docs/install.md")]
    [InlineData("docs/operations.md")]
    [InlineData("docs/migrating-from-honeydipper.md")]
    [InlineData("charts/honeydipper/README.md")]
    public void The_README_links_the_page_and_every_relative_link_in_it_resolves(string page)
    {
        string readme = File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "README.md"));
        if (page.StartsWith("docs/", StringComparison.Ordinal))
        {
            Assert.Contains($"]({page})", readme, StringComparison.Ordinal);
        }

        string path = Path.Combine(RepoPaths.RepoRoot, page);
        List<string> broken = [.. Link().Matches(File.ReadAllText(path)).Select(m => m.Groups[1].Value)
            .Where(target => !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith('#') && !target.StartsWith("mailto:", StringComparison.Ordinal))
            .Where(target => !Path.Exists(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, target.Split('#')[0]))))];
        Assert.True(broken.Count == 0, $"{page} links to what does not exist: {string.Join(", ", broken)}");
    }

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();
}
