using Honeydipper.Core.Config;
using Honeydipper.Core.Config.Loading;

namespace Honeydipper.Core.Tests.Config;

/// <summary>Bad input of every kind gives a clear error, never a crash or a hang, and the rest still loads.</summary>
public sealed class LoadErrorTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Malformed_yaml_is_reported_with_file_line_and_column_and_other_files_load()
    {
        _repo.Write("init.yaml", "includes: [bad.yaml, good.yaml]\n").Write("bad.yaml", "workflows:\n  w: [1, 2\n  x: 3\n").Write("good.yaml", "workflows: {good: {}}\n");
        ConfigLoadResult result = _repo.Load();
        var error = Assert.Single(result.Errors());
        Assert.Equal("bad.yaml", error.Location!.File);
        Assert.InRange(error.Location.Line, 2, 3);
        Assert.True(error.Location.Column > 0);
        Assert.True(result.Config.Workflows.ContainsKey("good"));
    }

    [Fact]
    public void A_ten_megabyte_file_of_garbage_is_refused_quickly()
    {
        _repo.Write("init.yaml", "includes: [garbage.yaml]\nworkflows: {w: {}}\n");
        byte[] garbage = new byte[10 * 1024 * 1024];
        new Random(42).NextBytes(garbage);
        File.WriteAllBytes(_repo.PathOf("garbage.yaml"), garbage);
        ConfigLoadResult result = _repo.Load();
        Assert.Equal("garbage.yaml: the file is 10 MB, more than the 4 MB a configuration file may hold", Assert.Single(result.Errors()).ToString());
        Assert.True(result.Config.Workflows.ContainsKey("w"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Garbage_under_the_size_limit_is_a_parse_error(int seed)
    {
        Random random = new(seed);
        byte[] garbage = new byte[1024 * 1024];
        random.NextBytes(garbage);
        // Load-time template markers would route the text to the template engine; this test is about YAML.
        for (int i = 1; i < garbage.Length; i++)
        {
            if (garbage[i - 1] == '{' && garbage[i] == '%')
            {
                garbage[i] = (byte)'x';
            }
        }

        _repo.Write("init.yaml", "includes: [garbage.yaml]\n");
        File.WriteAllBytes(_repo.PathOf("garbage.yaml"), garbage);
        ConfigLoadResult result = _repo.Load();
        Assert.Equal("garbage.yaml", Assert.Single(result.Errors()).Location!.File);
    }

    [Fact]
    public void Structured_garbage_of_yaml_punctuation_is_a_parse_error()
    {
        Random random = new(7);
        const string alphabet = "ab:-{}[] \n\t,#&*!|>'\"@";
        char[] text = new char[500_000];
        for (int i = 0; i < text.Length; i++)
        {
            text[i] = alphabet[random.Next(alphabet.Length)];
        }

        _repo.Write("init.yaml", new string(text));
        Assert.Single(_repo.Load().Errors());
    }

    [Fact]
    public void Very_deep_nesting_is_refused_without_exhausting_the_stack()
    {
        _repo.Write("init.yaml", "drivers: " + new string('[', 200_000));
        Assert.Contains("nesting deeper", Assert.Single(_repo.Load().Errors()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_load_time_template_without_a_template_engine_is_a_clear_error()
    {
        _repo.Write("init.yaml", "drivers: {d: {token: '{% .env.TOKEN %}'}}\n");
        ConfigLoadResult result = _repo.Load(new ConfigLoaderOptions { Environment = new Dictionary<string, string>(), LoadTimeRenderer = null });
        Assert.Contains("load-time templates", Assert.Single(result.Errors()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_load_time_template_that_fails_names_the_file()
    {
        _repo.Write("init.yaml", "drivers: {d: {token: '{% .env.TOKEN | nosuchfunction %}'}}\n");
        ConfigProblem error = Assert.Single(_repo.Load().Errors());
        Assert.Equal("init.yaml", error.Location!.File);
        Assert.Contains("nosuchfunction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_bootstrap_folder_or_init_file_is_reported()
    {
        ConfigLoadResult result = ConfigFolder.Load(_repo.PathOf("nope"));
        Assert.Contains("does not exist", Assert.Single(result.Errors()).Message, StringComparison.Ordinal);
        ConfigLoadResult empty = _repo.Load();
        Assert.Contains("init file init.yaml not found", Assert.Single(empty.Errors()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_an_empty_configuration() =>
        Assert.Empty(_repo.Write("init.yaml", "---\n").Load().Problems);
}
