using System.Diagnostics;
using System.Text;

namespace Honeydipper.Reliability.Tests.Crashes;

/// <summary>A real <c>honeydipper driver &lt;type&gt;</c> process on the Redis bus, as one replica of a driver Deployment.</summary>
internal sealed class DriverProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DriverProcess(Process process) => _process = process;

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

    public static DriverProcess Start(string type, string redis, string ns, IReadOnlyList<string> extra)
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string dll = Path.Combine(RepoPaths.RepoRoot, "src", "Honeydipper.Cli", "bin", configuration, "net10.0", "honeydipper.dll");
        ProcessStartInfo info = new("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in (string[])[dll, "driver", type, "--redis", redis, "--namespace", ns, "--stop-with-stdin", .. extra])
        {
            info.ArgumentList.Add(arg);
        }

        DriverProcess driver = new(Process.Start(info)!);
        driver._process.OutputDataReceived += (_, e) => driver.Append(e.Data);
        driver._process.ErrorDataReceived += (_, e) => driver.Append(e.Data);
        driver._process.BeginOutputReadLine();
        driver._process.BeginErrorReadLine();
        return driver;
    }

    /// <summary>SIGKILL: no shutdown grace, no hand-back of the commands it holds.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
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
