using System.Diagnostics;
using System.Text;

namespace Honeydipper.Packaging.Tests;

/// <summary>A command-line tool run to completion with a deadline; what it printed and how it ended.</summary>
internal sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

internal static class Tool
{
    /// <summary>helm from tools/ (scripts/ensure-helm.sh puts it there; scripts/test.sh runs that first).</summary>
    public static string Helm => Fetched("helm");

    /// <summary>The kubectl shipped with that helm (1.35).</summary>
    public static string Kubectl => Fetched("kubectl");

    public static async Task<ToolResult> RunAsync(string executable, IEnumerable<string> args, IDictionary<string, string>? env = null, string? workingDirectory = null)
    {
        ProcessStartInfo info = new(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.RepoRoot,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach ((string key, string value) in env ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"{executable} did not start");
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using CancellationTokenSource deadline = new(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', args)} did not finish in 120 s");
        }

        return new ToolResult(process.ExitCode, await stdout, await stderr);
    }

    private static string Fetched(string name)
    {
        string path = Path.Combine(RepoPaths.RepoRoot, "tools", name, name);
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: run scripts/ensure-helm.sh (make helm) first");
    }

    public static string Describe(this IEnumerable<string> lines) => new StringBuilder().AppendJoin('\n', lines).ToString();
}
