namespace Honeydipper.Packaging.Tests;

/// <summary>make e2e-kind where it cannot run: it says why and exits 0, and touches nothing.</summary>
public sealed class E2eKindScriptTests
{
    [Fact]
    public async Task Without_a_container_engine_it_says_why_it_skips_and_exits_0()
    {
        ToolResult run = await RunScriptAsync(new Dictionary<string, string> { ["DOCKER"] = "/nonexistent/docker" });
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("e2e-kind: skipped: no container engine (/nonexistent/docker not found); install Docker to run the end-to-end test\n", run.Stdout);
    }

    [Fact]
    public async Task With_a_docker_that_cannot_reach_its_daemon_it_skips()
    {
        string dir = Directory.CreateTempSubdirectory("hd-e2e-test-").FullName;
        try
        {
            string docker = FakeTool(dir, "docker", "echo 'Cannot connect to the Docker daemon' >&2; exit 1");
            ToolResult run = await RunScriptAsync(new Dictionary<string, string> { ["DOCKER"] = docker });
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.StartsWith($"e2e-kind: skipped: {docker} cannot reach its daemon", run.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task With_docker_but_neither_kind_nor_k3d_it_skips_before_building_anything()
    {
        string dir = Directory.CreateTempSubdirectory("hd-e2e-test-").FullName;
        try
        {
            string calls = Path.Combine(dir, "calls");
            string docker = FakeTool(dir, "docker", $"echo \"$@\" >> '{calls}'");
            ToolResult run = await RunScriptAsync(new Dictionary<string, string> { ["DOCKER"] = docker, ["KIND"] = "/nonexistent/kind", ["K3D"] = "/nonexistent/k3d" });
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.StartsWith("e2e-kind: skipped: neither kind nor k3d found", run.Stdout, StringComparison.Ordinal);
            Assert.Equal("info\n", await File.ReadAllTextAsync(calls)); // asked the daemon, built nothing
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Task<ToolResult> RunScriptAsync(Dictionary<string, string> env) =>
        Tool.RunAsync("bash", [Path.Combine(RepoPaths.RepoRoot, "scripts", "e2e-kind.sh")], env);

    private static string FakeTool(string dir, string name, string body)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, $"#!/usr/bin/env bash\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
