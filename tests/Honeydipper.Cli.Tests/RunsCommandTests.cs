using System.Text.Json;
using System.Text.RegularExpressions;

namespace Honeydipper.Cli.Tests;

/// <summary><c>honeydipper runs</c>, <c>run get</c> and <c>run start</c> against the API of a real <c>honeydipper local</c>.</summary>
public sealed partial class RunsCommandTests
{
    [Fact]
    public async Task Run_start_then_run_get_and_runs_show_the_run_as_tables_json_and_yaml()
    {
        await using LocalProcess local = LocalProcess.Start(Path.Combine(RepoPaths.RepoRoot, "examples", "quickstart"), "127.0.0.1:0");
        string api = BaseUrl().Match(await local.WaitForLineAsync(l => l.StartsWith("api: ", StringComparison.Ordinal))).Groups[1].Value;

        (int code, string output, _) = await CliRunner.RunAsync("run", "start", "greet", "--with", "name=Ada", "--api", api, "-o", "json");
        Assert.True(code == 0, output);
        string id = JsonDocument.Parse(output).RootElement.GetProperty("id").GetString()!;

        string shown = string.Empty;
        await Poll.UntilAsync(async () =>
        {
            (int c, shown, _) = await CliRunner.RunAsync("run", "get", id, "--api", api);
            return c == 0 && shown.Contains("Succeeded", StringComparison.Ordinal) && shown.Contains("greeted: Ada", StringComparison.Ordinal);
        }, "run get to show the run succeeded with its export");
        Assert.Contains($"run {id}: greet", shown, StringComparison.Ordinal);
        Assert.Contains("└─ Succeeded greet (workflow", shown, StringComparison.Ordinal); // the step tree's root
        Assert.Contains("demo.say", shown, StringComparison.Ordinal);

        (code, output, _) = await CliRunner.RunAsync("runs", "--api", api);
        Assert.Equal(0, code);
        Assert.StartsWith("RUN", output, StringComparison.Ordinal);
        Assert.Matches($@"(?m)^{Regex.Escape(id)}\s+greet\s+Succeeded", output);

        (code, output, _) = await CliRunner.RunAsync("runs", "--api", api, "-o", "yaml", "--workflow", "greet");
        Assert.Equal(0, code);
        Assert.Contains("phase: Succeeded", output, StringComparison.Ordinal);

        (code, output, _) = await CliRunner.RunAsync("run", "get", "12345", "--api", api);
        Assert.Equal(1, code);
        Assert.Contains("404", output, StringComparison.Ordinal);
        (code, output, _) = await CliRunner.RunAsync("run", "start", "nope", "--api", api);
        Assert.Equal(1, code);
        Assert.Contains("workflow nope is not defined", output, StringComparison.Ordinal);

        (code, output, _) = await CliRunner.RunAsync("run", "cancel", id, "--reason", "too late", "--api", api);
        Assert.Equal(1, code);
        Assert.Contains($"run {id} in namespace local has already finished (Succeeded)", output, StringComparison.Ordinal);
        (code, output, _) = await CliRunner.RunAsync("run", "cancel", "12345", "--api", api);
        Assert.Equal(1, code);
        Assert.Contains("run 12345 is not running in namespace local", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_without_an_api_to_talk_to_says_where_it_looked()
    {
        (int code, string output, _) = await CliRunner.RunAsync("runs", "--api", "http://127.0.0.1:1");
        Assert.Equal(1, code);
        Assert.Contains("no API at http://127.0.0.1:1/", output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"api: (http://[^/\s]+)/")]
    private static partial Regex BaseUrl();
}
