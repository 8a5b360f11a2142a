namespace Honeydipper.Benchmarks.Harness;

/// <summary>One measured number, reported in the table and as one JSON line for machines.</summary>
public sealed record Figure(string Metric, double Value, string Unit, string Description);
