using System.Diagnostics;
using System.Globalization;
using Honeydipper.Benchmarks.Harness;

namespace Honeydipper.Benchmarks.Memory;

/// <summary>Working set of the engine holding 10,000 rules and 10,000 waiting runs, measured in a child process.</summary>
public sealed class MemoryMeasurement : IMeasurement
{
    public string Name => "memory";

    public async Task<IReadOnlyList<Figure>> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("no process path to start the memory probe from");
        ProcessStartInfo info = new(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(MemoryMeasurement).Assembly.Location);
        }

        info.ArgumentList.Add(MemoryProbe.Argument);
        using Process probe = Process.Start(info)!;
        Task<string> errors = probe.StandardError.ReadToEndAsync(cancellationToken);
        string output = await probe.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await probe.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        string? line = output.Split('\n').FirstOrDefault(l => l.StartsWith("memory ", StringComparison.Ordinal));
        if (probe.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"the memory probe failed ({probe.ExitCode}):\n{output}\n{await errors.ConfigureAwait(false)}");
        }

        string[] parts = line.Split(' ');
        double workingSet = long.Parse(parts[1], CultureInfo.InvariantCulture) / 1048576.0;
        double heap = long.Parse(parts[2], CultureInfo.InvariantCulture) / 1048576.0;
        return
        [
            new Figure("memory_10k_mb", Math.Round(workingSet, 1), "MB", $"working set: engine with 10,000 rules and 10,000 runs waiting ({parts[3]} sessions) (target < 400)"),
            new Figure("memory_10k_heap_mb", Math.Round(heap, 1), "MB", "of which managed heap after a full collection"),
        ];
    }
}
