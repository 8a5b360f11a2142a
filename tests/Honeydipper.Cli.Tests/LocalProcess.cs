using System.Diagnostics;
using System.Text;

namespace Honeydipper.Cli.Tests;

/// <summary>The real <c>honeydipper local</c> as a child process, with its output captured line by line.</summary>
internal sealed class LocalProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LocalProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static LocalProcess Start(string configFolder, string webhook, string? redis = null, bool watch = false, IReadOnlyList<string>? extra = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string dll = Path.Combine(RepoPaths.RepoRoot, "src", "Honeydipper.Cli", "bin", configuration, "net10.0", "honeydipper.dll");
        // Callers dispose it even when a test fails: a leftover process keeps whatever it inherited open (a build lock).
        ProcessStartInfo info = new("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in (string[])[dll, "local", "--config", configFolder, "--webhook", webhook, "--api", "127.0.0.1:0"])
        {
            info.ArgumentList.Add(arg);
        }

        if (!watch)
        {
            info.ArgumentList.Add("--no-watch");
        }

        if (redis is not null)
        {
            info.ArgumentList.Add("--redis");
            info.ArgumentList.Add(redis);
        }

        foreach (string arg in extra ?? [])
        {
            info.ArgumentList.Add(arg);
        }

        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        LocalProcess local = new(Process.Start(info)!);
        local._process.OutputDataReceived += (_, e) => local.Append(e.Data);
        local._process.ErrorDataReceived += (_, e) => local.Append(e.Data);
        local._process.BeginOutputReadLine();
        local._process.BeginErrorReadLine();
        return local;
    }

    public async Task<string> WaitForLineAsync(Func<string, bool> match)
    {
        string? found = null;
        await Poll.UntilAsync(() =>
        {
            found = Output.Split('\n').FirstOrDefault(match);
            if (found is null && _process.HasExited)
            {
                throw new InvalidOperationException($"honeydipper local exited with {_process.ExitCode}:\n{Output}");
            }

            return found is not null;
        }, "a line from honeydipper local", TimeSpan.FromSeconds(60));
        return found!;
    }

    /// <summary>Kills the process and its drivers at once, as SIGKILL does: no cleanup, no last save.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Kills only the local process, as <c>kill -9 &lt;pid&gt;</c> does: its driver processes are not signalled.</summary>
    public void KillParentOnly() => _process.Kill(entireProcessTree: false);

    public async Task<string> OutputAfterExitAsync()
    {
        await _process.WaitForExitAsync();
        return Output;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
