using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Honeydipper.Benchmarks.Harness;

/// <summary>Prints figures twice: a table for people, then one JSON object per line for scripts and CI.</summary>
public static class FigureReport
{
    public static string Table(IReadOnlyList<Figure> figures)
    {
        int metricWidth = Math.Max("metric".Length, figures.Max(f => f.Metric.Length));
        int valueWidth = Math.Max("value".Length, figures.Max(f => Format(f.Value).Length));
        StringBuilder sb = new();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"metric".PadRight(metricWidth)}  {"value".PadLeft(valueWidth)}  unit   what");
        sb.AppendLine(new string('-', metricWidth + valueWidth + 40));
        foreach (Figure f in figures)
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"{f.Metric.PadRight(metricWidth)}  {Format(f.Value).PadLeft(valueWidth)}  {f.Unit,-8}  {f.Description}");
        }

        return sb.ToString();
    }

    /// <summary>One line per figure: <c>{"metric": "template_eval_ns", "value": 552.6, "unit": "ns"}</c>.</summary>
    public static IEnumerable<string> JsonLines(IReadOnlyList<Figure> figures) =>
        figures.Select(f => string.Create(CultureInfo.InvariantCulture,
            $"{{\"metric\": {JsonSerializer.Serialize(f.Metric)}, \"value\": {Format(f.Value)}, \"unit\": {JsonSerializer.Serialize(f.Unit)}}}"));

    // Small values (latencies in ms, ratios) keep three decimals; large ones (rates, ns) one.
    private static string Format(double value) => value.ToString(Math.Abs(value) < 10 ? "0.###" : "0.#", CultureInfo.InvariantCulture);
}
