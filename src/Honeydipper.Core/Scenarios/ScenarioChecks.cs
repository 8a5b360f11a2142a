using Honeydipper.Core.Engine.Runs;

namespace Honeydipper.Core.Scenarios;

/// <summary>Compares what happened with a scenario's expectations, describing every difference.</summary>
internal static class ScenarioChecks
{
    public static void Check(ScenarioExpectation expect, List<RecordedCall> calls, List<RunRecord> runs, List<string> failures)
    {
        if (expect.Calls is { } ordered)
        {
            CheckOrdered(ordered, calls, failures);
        }

        if (expect.CallsAnyOrder is { } unordered)
        {
            CheckAnyOrder(unordered, calls, failures);
        }

        if (expect.Runs is { } count && runs.Count != count)
        {
            failures.Add($"runs: expected {count}, got {runs.Count}");
        }

        if (expect.Status is null && expect.Reason is null && expect.Exported is null)
        {
            return;
        }

        if (runs.Count == 0)
        {
            failures.Add("no run started, so there is no status, reason or exported data to check");
            return;
        }

        foreach (RunRecord run in runs)
        {
            string prefix = runs.Count > 1 ? $"run {run.Id} ({run.Name}): " : string.Empty;
            string status = run.FinishedAt is null ? $"still {run.Phase.ToString().ToLowerInvariant()} ({run.Performing})" : run.Status;
            if (expect.Status is { } s && s != status)
            {
                failures.Add($"{prefix}status: expected {s}, got {status}{(run.Reason.Length > 0 ? $" (reason: {run.Reason})" : string.Empty)}");
            }

            if (expect.Reason is { } r && r != run.Reason)
            {
                failures.Add($"{prefix}reason: expected {DataSubset.Show(r)}, got {DataSubset.Show(run.Reason)}");
            }

            if (expect.Exported is { } exported && DataSubset.FirstDifference(exported, run.Exported, "exported") is { } difference)
            {
                failures.Add(prefix + difference);
            }
        }
    }

    private static void CheckOrdered(IReadOnlyList<IDictionary<string, object?>> expected, List<RecordedCall> calls, List<string> failures)
    {
        for (int i = 0; i < Math.Max(expected.Count, calls.Count); i++)
        {
            if (i >= calls.Count)
            {
                failures.Add($"calls[{i}]: expected {DataSubset.Show(expected[i])}, but only {calls.Count} call(s) were made");
                return;
            }

            if (i >= expected.Count)
            {
                failures.Add($"calls[{i}]: unexpected call {calls[i]} (expected {expected.Count} call(s)); calls made: {string.Join(", ", calls)}");
                return;
            }

            if (DataSubset.FirstDifference(expected[i], calls[i].ToData(), $"calls[{i}]") is { } difference)
            {
                failures.Add($"{difference} (the call was {calls[i]})");
            }
        }
    }

    private static void CheckAnyOrder(IReadOnlyList<IDictionary<string, object?>> expected, List<RecordedCall> calls, List<string> failures)
    {
        if (expected.Count != calls.Count)
        {
            failures.Add($"calls_any_order: expected {expected.Count} call(s), got {calls.Count}: {string.Join(", ", calls)}");
        }

        List<RecordedCall> left = [.. calls];
        for (int i = 0; i < expected.Count; i++)
        {
            int match = left.FindIndex(call => DataSubset.FirstDifference(expected[i], call.ToData()) is null);
            if (match < 0)
            {
                failures.Add($"calls_any_order[{i}]: no call matches {DataSubset.Show(expected[i])}; calls left: {string.Join(", ", left)}");
                continue;
            }

            left.RemoveAt(match);
        }
    }
}
