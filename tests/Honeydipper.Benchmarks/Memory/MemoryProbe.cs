using System.Globalization;
using Honeydipper.Benchmarks.Engine;
using Honeydipper.Bus.InProcess;
using Honeydipper.Testing;

namespace Honeydipper.Benchmarks.Memory;

/// <summary>
/// Runs in a child process of its own (a clean heap, nothing else measured there): an engine host with 10,000 rules
/// and 10,000 runs each waiting an hour, then prints its working set and managed heap after a full collection.
/// </summary>
public static class MemoryProbe
{
    public const string Argument = "--memory-probe";
    public const int Count = 10_000;

    public static async Task<int> RunAsync(TextWriter output)
    {
        await using InProcessBus bus = new();
        await using EngineLoad load = await EngineLoad.StartAsync(bus, "mem", BenchConfig.Build(Count - 1, "waiter"), durable: false).ConfigureAwait(false);
        for (int i = 0; i < Count; i++)
        {
            await load.PublishAsync(i, sampleLatency: false).ConfigureAwait(false);
        }

        await Poll.UntilAsync(() => load.Started >= Count, $"{Count} runs to start waiting", TimeSpan.FromMinutes(2)).ConfigureAwait(false);
        int sessions = await load.SessionCountAsync().ConfigureAwait(false);
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using System.Diagnostics.Process self = System.Diagnostics.Process.GetCurrentProcess();
        self.Refresh();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory {self.WorkingSet64} {GC.GetTotalMemory(forceFullCollection: false)} {sessions} {load.Started}"));
        return 0;
    }
}
