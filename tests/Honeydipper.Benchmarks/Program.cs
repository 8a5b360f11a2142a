using Honeydipper.Benchmarks.Harness;

// make bench [QUICK=1] runs: dotnet run -c Release --project tests/Honeydipper.Benchmarks -- [--quick] [name filters...]
bool quick = args.Contains("--quick");
string[] filters = [.. args.Where(a => !a.StartsWith("--", StringComparison.Ordinal))];
string artifacts = Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts");
return await MeasurementRunner.RunAsync(new RunOptions(quick, artifacts, filters), Console.Out, CancellationToken.None);
