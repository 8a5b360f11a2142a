using System.Text.Json;
using Honeydipper.Testing;

namespace Honeydipper.Cli.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hd-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Essentials_validates_with_exit_code_zero_and_a_summary()
    {
        var (code, output, _) = await CliRunner.RunAsync("validate", RepoPaths.Essentials);
        Assert.Equal(0, code);
        Assert.Equal("ok: 1 repo, 25 files: 9 systems, 29 workflows, 5 rules, 5 contexts, 6 drivers; 0 errors, 0 warnings", output.Trim());
    }

    [Fact]
    public async Task The_bundled_quickstart_example_validates()
    {
        var (code, output, _) = await CliRunner.RunAsync("validate", Path.Combine(RepoPaths.RepoRoot, "examples", "quickstart"));
        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task Problems_are_one_line_each_sorted_by_file_and_line_and_the_exit_code_is_one()
    {
        File.WriteAllText(Path.Combine(_dir, "init.yaml"), "includes: [b.yaml]\nworkflows:\n  w: {call_workflow: ghost}\n");
        File.WriteAllText(Path.Combine(_dir, "b.yaml"), "workflows:\n  v: {iterate: text, call_fucntion: x}\n");
        var (code, output, _) = await CliRunner.RunAsync("validate", _dir);
        Assert.Equal(1, code);
        Assert.Equal(
            [
                "b.yaml:2: warning: workflows.v.call_fucntion: unknown key, ignored (did you mean \"call_function\"?)",
                "b.yaml:2: workflow v: iterate: field \"iterate\" must be a list or something interpolated into a list",
                "init.yaml:3: workflow w: call_workflow: workflow \"ghost\" not defined",
                "FAILED: 1 repo, 2 files: 0 systems, 2 workflows, 0 rules, 0 contexts, 0 drivers; 2 errors, 1 warning",
            ],
            output.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Warnings_alone_do_not_fail_and_can_be_hidden()
    {
        File.WriteAllText(Path.Combine(_dir, "init.yaml"), "workflows:\n  w: {descripton: typo}\n");
        var (code, output, _) = await CliRunner.RunAsync("validate", _dir, "--no-warnings");
        Assert.Equal(0, code);
        Assert.StartsWith("ok:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_is_machine_readable()
    {
        File.WriteAllText(Path.Combine(_dir, "init.yaml"), "workflows:\n  w: {call_workflow: ghost}\n");
        var (code, output, _) = await CliRunner.RunAsync("validate", _dir, "--json");
        Assert.Equal(1, code);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        Assert.False(root.GetProperty("ok").GetBoolean());
        Assert.Equal(1, root.GetProperty("counts").GetProperty("workflows").GetInt32());
        JsonElement problem = Assert.Single(root.GetProperty("problems").EnumerateArray());
        Assert.Equal("error", problem.GetProperty("severity").GetString());
        Assert.Equal("init.yaml", problem.GetProperty("file").GetString());
        Assert.Equal(2, problem.GetProperty("line").GetInt32());
        Assert.Equal("workflow w", problem.GetProperty("subject").GetString());
        Assert.Equal("call_workflow", problem.GetProperty("path").GetString());
        Assert.Equal("workflow \"ghost\" not defined", problem.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_folder_of_manifests_is_validated_too()
    {
        File.WriteAllText(Path.Combine(_dir, "wf.yaml"), "apiVersion: honeydipper.io/v1alpha1\nkind: Workflow\nmetadata: {name: a}\nspec: {call_workflow: b}\n");
        var (code, output, _) = await CliRunner.RunAsync("validate", _dir);
        Assert.Equal(1, code);
        Assert.StartsWith("wf.yaml:4: workflow a: call_workflow: workflow \"b\" not defined", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_folder_is_an_error()
    {
        var (code, output, _) = await CliRunner.RunAsync("validate", Path.Combine(_dir, "nope"));
        Assert.Equal(1, code);
        Assert.Contains("does not exist", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repo_override_from_the_environment_is_honoured()
    {
        string dep = Directory.CreateTempSubdirectory("hd-cli-dep-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dep, "init.yaml"), "workflows: {shared: {}}\n");
            File.WriteAllText(Path.Combine(_dir, "init.yaml"), "repos: [{repo: 'https://example.com/x.git'}]\nworkflows:\n  w: {call_workflow: shared}\n");
            var (code, output, _) = await CliRunner.RunAsync(new Dictionary<string, string> { ["REPO_OVERRIDE"] = $"https://example.com/x.git => {dep}" }, "validate", _dir);
            Assert.True(code == 0, output);
        }
        finally
        {
            Directory.Delete(dep, recursive: true);
        }
    }
}
