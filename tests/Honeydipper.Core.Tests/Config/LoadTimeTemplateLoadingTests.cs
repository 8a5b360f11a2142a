using Honeydipper.Core.Config.Loading;

namespace Honeydipper.Core.Tests.Config;

/// <summary>The load-time pass (semantics §0): {% %} rendered with HD_* variables before YAML is read; {{ }} left alone.</summary>
public sealed class LoadTimeTemplateLoadingTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Hd_variables_without_their_prefix_and_the_file_name_are_available()
    {
        _repo.Write("init.yaml", "includes: [sub/more.yaml]\n")
            .Write("sub/more.yaml", "drivers:\n  vault:\n    token: '{% .env.VAULT_TOKEN %}'\n    file: '{% .local.filename %}'\n    later: '{{ .ctx.x }}'\n");
        ConfigLoadResult result = _repo.Load(new ConfigLoaderOptions { Environment = new Dictionary<string, string> { ["HD_VAULT_TOKEN"] = "s3cret", ["VAULT_TOKEN"] = "not this" } });
        Assert.Empty(result.Problems);
        Dictionary<string, object?> vault = result.Config.Drivers["vault"].AsMap();
        Assert.Equal("s3cret", vault["token"]);
        Assert.Equal("/sub/more.yaml", vault["file"]);
        Assert.Equal("{{ .ctx.x }}", vault["later"]);
    }

    [Fact]
    public void The_vault_fixture_escapes_load_time_delimiters_as_the_original_documents()
    {
        ConfigLoadResult result = ConfigLoader.LoadFolder(Path.Combine(RepoPaths.Essentials, "vault"), options: new ConfigLoaderOptions { Environment = new Dictionary<string, string>() });
        Assert.Empty(result.Problems);
        string docs = Core.Values.GoJson.Serialize(result.Config.Drivers["daemon"]);
        Assert.Contains("token: '{%", docs, StringComparison.Ordinal);
    }
}
