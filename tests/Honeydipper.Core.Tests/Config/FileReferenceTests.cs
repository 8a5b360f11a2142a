namespace Honeydipper.Core.Tests.Config;

/// <summary><c>@:relative/path</c> values (semantics §0, internal/config/file_reference.go).</summary>
public sealed class FileReferenceTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void A_reference_is_replaced_by_the_file_content_relative_to_the_including_file()
    {
        _repo.Write("init.yaml", "includes: [k8s/workflows.yaml]\n")
            .Write("k8s/workflows.yaml", "workflows:\n  run:\n    steps:\n    - export: {jobTemplate: '@:resources/job.yaml.tmpl'}\n")
            .Write("k8s/resources/job.yaml.tmpl", ":yaml:---\nkind: Job\n");
        var result = _repo.Load();
        Assert.Empty(result.Problems);
        Assert.Equal(":yaml:---\nkind: Job\n", result.Config.Workflows["run"].Steps[0].Export!["jobTemplate"]);
    }

    [Fact]
    public void References_are_resolved_in_systems_and_rules_but_not_in_drivers()
    {
        _repo.Write("init.yaml", """
            systems:
              s: {data: {body: '@:body.txt'}}
            rules:
            - when: {driver: webhook}
              do: {with: {text: '@:body.txt'}}
            drivers:
              d: {text: '@:body.txt'}
            """).Write("body.txt", "hello");
        var config = _repo.Load().Config;
        Assert.Equal("hello", config.Systems["s"].Data!["body"]);
        Assert.Equal("hello", config.Rules[0].Do.With.AsMap()["text"]);
        Assert.Equal("@:body.txt", config.Drivers["d"].AsMap()["text"]);
    }

    [Theory]
    [InlineData("@:../outside.txt")]
    [InlineData("@:/etc/passwd")]
    [InlineData("@:sub/../../../etc/passwd")]
    public void A_reference_cannot_leave_the_repository(string reference)
    {
        _repo.Write("init.yaml", $"includes: [ok.yaml]\nworkflows:\n  w: {{with: {{x: '{reference}'}}}}\n").Write("ok.yaml", "workflows: {ok: {}}\n");
        var result = _repo.Load();
        var error = Assert.Single(result.Errors());
        Assert.StartsWith("init.yaml:3: workflows.w.with.x: file error: invalid path:", error.ToString(), StringComparison.Ordinal);
        Assert.False(result.Config.Workflows.ContainsKey("w"), "the file holding the bad reference is not loaded");
        Assert.True(result.Config.Workflows.ContainsKey("ok"), "its includes still are");
    }

    [Fact]
    public void A_symlink_inside_the_repository_that_points_outside_it_is_refused()
    {
        string outside = Path.Combine(Path.GetTempPath(), "hd-secret-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(outside, "secret");
        try
        {
            _repo.Write("init.yaml", "workflows:\n  w: {with: {x: '@:link.txt'}}\n");
            File.CreateSymbolicLink(_repo.PathOf("link.txt"), outside);
            var error = Assert.Single(_repo.Load().Errors());
            Assert.Contains("outside the repository", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public void A_missing_referenced_file_is_an_error_naming_the_key()
    {
        _repo.Write("init.yaml", "workflows:\n  w:\n    with: {x: '@:nope.txt'}\n");
        var error = Assert.Single(_repo.Load().Errors());
        Assert.Equal("init.yaml:3", $"{error.Location!.File}:{error.Location.Line}");
        Assert.Contains("nope.txt", error.Message, StringComparison.Ordinal);
    }
}
