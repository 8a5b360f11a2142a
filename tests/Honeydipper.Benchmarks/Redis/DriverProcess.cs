using System.Diagnostics;
using Honeydipper.Testing;

namespace Honeydipper.Benchmarks.Redis;

/// <summary>A real <c>honeydipper driver echo</c> process on the Redis bus (as a driver pod runs), stopped with us.</summary>
public sealed class DriverProcess : IAsyncDisposable
{
    private readonly Process _process;

    private DriverProcess(Process process) => _process = process;

    public static DriverProcess Start(string redis, string ns, string name)
    {
        string dll = Path.Combine(RepoPaths.RepoRoot, "src", "Honeydipper.Cli", "bin", "Release", "net10.0", "honeydipper.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"the honeydipper executable is not built at {dll} (make bench builds it)");
        }

        ProcessStartInfo info = new("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in (string[])[dll, "driver", "echo", "--name", name, "--redis", redis, "--namespace", ns, "--stop-with-stdin"])
        {
            info.ArgumentList.Add(arg);
        }

        Process process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new DriverProcess(process);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }
}
