using System.Diagnostics;
using System.Globalization;
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
        List<string> phases = [];
        Stopwatch total = Stopwatch.StartNew();
        foreach (IMeasurement measurement in selected)
        {
            Stopwatch phase = Stopwatch.StartNew();
            figures.AddRange(await measurement.RunAsync(options, cancellationToken).ConfigureAwait(false));
            phases.Add(string.Create(CultureInfo.InvariantCulture, $"{measurement.Name} {phase.Elapsed.TotalSeconds:0.0} s"));
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(FigureReport.Table(figures)).ConfigureAwait(false);

        // How long each phase took (the build before them aside), so that keeping make bench within its time is easy.
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"phases: {string.Join(", ", phases)}; measured in {total.Elapsed.TotalSeconds:0.0} s")).ConfigureAwait(false);
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
