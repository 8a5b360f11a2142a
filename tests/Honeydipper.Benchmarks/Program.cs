using Honeydipper.Benchmarks.Harness;
using Honeydipper.Benchmarks.Memory;

// make bench [QUICK=1] runs: dotnet run -c Release --project tests/Honeydipper.Benchmarks -- [--quick] [name filters...]
if (args.Contains(MemoryProbe.Argument))
{
    return await MemoryProbe.RunAsync(Console.Out);
}

bool quick = args.Contains("--quick");
string[] filters = [.. args.Where(a => !a.StartsWith("--", StringComparison.Ordinal))];
string artifacts = Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts");
return await MeasurementRunner.RunAsync(new RunOptions(quick, artifacts, filters), Console.Out, CancellationToken.None);
