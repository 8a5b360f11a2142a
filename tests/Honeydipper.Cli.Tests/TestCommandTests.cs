using System.Xml.Linq;

namespace Honeydipper.Cli.Tests;

public sealed class TestCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hd-test-cmd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The project's own scenario suite (tests/scenarios), run through the real command as a user would.</summary>
    [Fact]
    public async Task The_scenario_suite_passes()
    {
        var (code, output, _) = await CliRunner.RunAsync("test", Path.Combine(RepoPaths.RepoRoot, "tests", "scenarios"));
        string summary = output.TrimEnd().Split('\n')[^1];
        Assert.True(code == 0, output);
        Assert.Matches(@"^\d+ passed, 0 failed$", summary);
        Assert.True(int.Parse(summary.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) >= 100, summary);
    }

    [Fact]
    public async Task A_failing_scenario_shows_what_differed_and_the_calls_and_exits_one()
    {
        string file = Write("s.yaml", """
            config:
              drivers: {d: {}}
            scenarios:
              - name: passes
                do: {call_driver: d.a}
                expect: {calls: [{rawAction: a}]}
              - name: fails
                do: {call_driver: d.a, with: {v: 1}}
                expect: {calls: [{rawAction: a, params: {v: 2}}], status: success}
            """);
        var (code, output, _) = await CliRunner.RunAsync("test", file);
        Assert.Equal(1, code);
        string[] lines = output.TrimEnd().Split('\n');
        Assert.StartsWith("PASS ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("s.yaml: passes", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("FAIL ", lines[1], StringComparison.Ordinal);
        Assert.Equal("    calls[0].params.v: expected 2, got 1 (the call was d.a)", lines[2]);
        Assert.Equal("      call d.a params {\"v\":1} -> success", lines[3]);
        Assert.Equal("1 passed, 1 failed", lines[^1]);
    }

    [Fact]
    public async Task Junit_xml_has_a_suite_per_file_and_a_failure_per_failed_scenario()
    {
        string file = Write("s.yaml", "config: {drivers: {d: {}}}\nscenarios:\n  - {name: good, do: {}, expect: {status: success}}\n  - {name: bad, do: {}, expect: {status: failure}}\n");
        string junit = Path.Combine(_dir, "out", "junit.xml");
        await CliRunner.RunAsync("test", file, "--junit", junit);
        XElement root = XDocument.Load(junit).Root!;
        Assert.Equal("2", root.Attribute("tests")!.Value);
        Assert.Equal("1", root.Attribute("failures")!.Value);
        XElement bad = root.Descendants("testcase").Single(t => t.Attribute("name")!.Value == "bad");
        Assert.Equal("status: expected failure, got success", bad.Element("failure")!.Attribute("message")!.Value);
    }

    [Fact]
    public async Task A_bad_scenario_file_is_an_error_with_file_and_line()
    {
        string file = Write("bad.yaml", "config: {drivers: {}}\nscenarios:\n  - name: two starts\n    workflow: a\n    do: {}\n");
        var (code, output, _) = await CliRunner.RunAsync("test", file);
        Assert.Equal(1, code);
        Assert.Contains("bad.yaml:3:5: scenarios[0]: scenario \"two starts\" must start exactly one of: workflow, do, event", output, StringComparison.Ordinal);
        Assert.EndsWith("0 passed, 1 failed", output.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_typo_in_a_scenario_is_an_error_not_a_silently_ignored_key()
    {
        string file = Write("typo.yaml", "config: {drivers: {}}\nscenarios:\n  - name: typo\n    do: {}\n    expcet: {status: failure}\n");
        var (_, output, _) = await CliRunner.RunAsync("test", file);
        Assert.Contains("expcet: unknown key, ignored (did you mean \"expect\"?)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configuration_that_does_not_load_fails_the_file()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "config"));
        File.WriteAllText(Path.Combine(_dir, "config", "init.yaml"), "workflows: [broken\n");
        string file = Write("s.yaml", "config: config\nscenarios:\n  - {name: x, do: {}}\n");
        var (code, output, _) = await CliRunner.RunAsync("test", file);
        Assert.Equal(1, code);
        Assert.Contains("the configuration does not load", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Folders_are_searched_for_scenario_files_only()
    {
        Write("sub/a.yaml", "config: {}\nscenarios:\n  - {name: a, do: {}}\n");
        Write("sub/not-a-scenario.yaml", "workflows: {}\n");
        var (code, output, _) = await CliRunner.RunAsync("test", _dir);
        Assert.Equal(0, code);
        Assert.EndsWith("1 passed, 0 failed", output.TrimEnd(), StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
