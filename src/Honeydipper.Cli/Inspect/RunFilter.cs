using System.Globalization;

namespace Honeydipper.Cli.Inspect;

/// <summary>Which runs a listing wants: one phase, one workflow, and at most how many (newest first).</summary>
internal sealed record RunFilter(string? Phase, string? Workflow, int Limit)
{
    /// <summary>Every phase a run or a WorkflowRun can be in, written as both write them.</summary>
    public static readonly IReadOnlyList<string> Phases = ["Pending", "Running", "Waiting", "Succeeded", "Failed", "Error", "Skipped", "Cancelled"];

    /// <summary>The phases of a run that has ended.</summary>
    public static bool IsFinished(string phase) => phase is "Succeeded" or "Failed" or "Error" or "Skipped" or "Cancelled";

    /// <summary>From the command line: the phase in any case (written back as the API writes it), a limit of at least 1.</summary>
    public static RunFilter Create(string? phase, string? workflow, int limit)
    {
        if (limit < 1)
        {
            throw new UsageException($"--limit {limit}: give at least 1");
        }

        string? canonical = null;
        if (phase is not null)
        {
            canonical = Phases.FirstOrDefault(p => string.Equals(p, phase, StringComparison.OrdinalIgnoreCase))
                ?? throw new UsageException($"--phase {phase} is not a phase: use one of {string.Join(", ", Phases)}");
        }

        return new RunFilter(canonical, string.IsNullOrEmpty(workflow) ? null : workflow, limit);
    }

    /// <summary>True when a run (the API's map) is in the phase and of the workflow asked for.</summary>
    public bool Matches(IDictionary<string, object?> run) =>
        (Phase is null || Text(run, "phase") == Phase) && (Workflow is null || Text(run, "name") == Workflow);

    private static string Text(IDictionary<string, object?> run, string key) =>
        run.TryGetValue(key, out object? v) && v is not null ? Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;
}
