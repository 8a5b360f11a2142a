using System.Globalization;
using Honeydipper.Core.Engine.Runs;
using Honeydipper.Core.Values;

namespace Honeydipper.Cli.Local;

/// <summary>
/// Shows runs as they move. On a terminal, a table of the latest runs redrawn in place; otherwise (a pipe, a log,
/// a test) one line per change of a run's phase, so that the output reads as a history.
/// </summary>
internal sealed class RunTable(TextWriter output, bool interactive, int rows = 12)
{
    private readonly Dictionary<string, RunRecord> _runs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RunPhase> _shown = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _drawnLines;

    public void Update(IEnumerable<RunRecord> runs)
    {
        lock (_lock)
        {
            foreach (RunRecord run in runs)
            {
                _runs[run.Id] = run;
                if (!interactive && (!_shown.TryGetValue(run.Id, out RunPhase phase) || phase != run.Phase))
                {
                    _shown[run.Id] = run.Phase;
                    output.WriteLine(Line(run));
                }
            }

            if (interactive)
            {
                Redraw();
            }

            output.Flush();
        }
    }

    /// <summary>One run as a line: when, id, workflow, phase, duration, and what it does or why it ended so.</summary>
    public static string Line(RunRecord run)
    {
        string when = (run.FinishedAt ?? run.StartedAt).ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        string detail = run.Phase switch
        {
            RunPhase.Succeeded => run.Exported.Count > 0 ? "exported " + GoJson.Serialize(run.Exported, escapeHtml: false) : string.Empty,
            RunPhase.Failed or RunPhase.Error => $"{run.Performing}: {run.Reason}".Trim(' ', ':'),
            _ => run.Performing,
        };
        return $"{when}  run {run.Id,-4} {Trim(run.Name, 28),-28} {run.Phase,-9} {Duration(run),7}  {Trim(detail, 120)}".TrimEnd();
    }

    private void Redraw()
    {
        List<RunRecord> latest = [.. _runs.Values.OrderByDescending(r => r.StartedAt).Take(rows).OrderBy(r => r.StartedAt)];
        if (_drawnLines > 0)
        {
            output.Write($"\u001b[{_drawnLines}F\u001b[J"); // back to the table's first line, clear below
        }

        output.WriteLine($"  {"RUN",-4} {"WORKFLOW",-28} {"PHASE",-9} {"TIME",7}  DETAIL");
        foreach (RunRecord run in latest)
        {
            string line = Line(run);
            output.WriteLine("  " + line[(line.IndexOf("run ", StringComparison.Ordinal) + 4)..]);
        }

        _drawnLines = latest.Count + 1;
    }

    private static string Duration(RunRecord run)
    {
        TimeSpan d = (run.FinishedAt ?? DateTimeOffset.UtcNow) - run.StartedAt;
        return d.TotalSeconds < 60 ? $"{d.TotalSeconds:0.00}s" : $"{(int)d.TotalMinutes}m{d.Seconds:00}s";
    }

    private static string Trim(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
