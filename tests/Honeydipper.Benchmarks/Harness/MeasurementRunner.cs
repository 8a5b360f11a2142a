using System.Reflection;

namespace Honeydipper.Benchmarks.Harness;

/// <summary>Finds every <see cref="IMeasurement"/> in this assembly, runs the selected ones, and reports their figures.</summary>
public static class MeasurementRunner
{
    public static IReadOnlyList<IMeasurement> Discover() =>
    [
        .. Assembly.GetExecutingAssembly().GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMeasurement).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IMeasurement)Activator.CreateInstance(t)!),
    ];

    public static async Task<int> RunAsync(RunOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        IReadOnlyList<IMeasurement> selected = [.. Discover().Where(options.Selects)];
        if (selected.Count == 0)
        {
            await output.WriteLineAsync($"no measurement matches {string.Join(", ", options.Filters)}; known: "
                + string.Join(", ", Discover().Select(m => m.Name))).ConfigureAwait(false);
            return 2;
        }

        List<Figure> figures = [];
        foreach (IMeasurement measurement in selected)
        {
            figures.AddRange(await measurement.RunAsync(options, cancellationToken).ConfigureAwait(false));
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(FigureReport.Table(figures)).ConfigureAwait(false);
        foreach (string line in FigureReport.JsonLines(figures))
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }

        List<string> checks = [.. Target.Design.SelectMany(t => figures.Where(f => f.Metric == t.Metric).Select(t.Describe))];
        if (checks.Count > 0)
        {
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync($"Against DESIGN §8 ({Environment.ProcessorCount} cores{(options.Quick ? ", quick run: fewer iterations, noisier" : string.Empty)}):").ConfigureAwait(false);
            foreach (string check in checks)
            {
                await output.WriteLineAsync("  " + check).ConfigureAwait(false);
            }
        }

        return 0;
    }
}
