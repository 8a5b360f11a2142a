using Honeydipper.Kubernetes.Resources.Generation;

namespace Honeydipper.Kubernetes.Resources.Tests.Generation;

/// <summary>config/crd and docs/crds.md are generated and checked in; these fail when they no longer match the types.</summary>
public sealed class DriftTests
{
    private const string Fix = "run `make crds` and commit the result";

    [Fact]
    public void Config_crd_matches_the_types()
    {
        string dir = Path.Combine(RepoPaths.RepoRoot, "config", "crd");
        IReadOnlyDictionary<string, string> expected = CrdGenerator.Files();
        string[] present = [.. Directory.GetFiles(dir, "honeydipper.io_*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.True(expected.Keys.Order(StringComparer.Ordinal).SequenceEqual(present), $"config/crd holds [{string.Join(", ", present)}], the types make [{string.Join(", ", expected.Keys)}]: {Fix}");
        foreach ((string name, string yaml) in expected)
        {
            Assert.True(yaml == File.ReadAllText(Path.Combine(dir, name)), $"config/crd/{name} differs from the types: {Fix}");
        }
    }

    [Fact]
    public void Docs_crds_matches_the_types_and_samples()
    {
        string expected = CrdMarkdown.Write(Path.Combine(RepoPaths.RepoRoot, "config", "samples"));
        Assert.True(expected == File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "docs", "crds.md")), $"docs/crds.md differs from the types: {Fix}");
    }
}
