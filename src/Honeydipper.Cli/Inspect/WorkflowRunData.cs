using System.Globalization;
using System.Text.Json;
using Honeydipper.Core.Values;
using Honeydipper.Kubernetes.Resources.WorkflowRuns;

namespace Honeydipper.Cli.Inspect;

/// <summary>
/// A WorkflowRun in the shape the API gives a run (<c>id</c>, <c>name</c>, <c>phase</c>, times, <c>nodes</c>,
/// <c>exported</c>...), so that one printer serves both sources and scripts read <c>-o json</c> the same way. The id
/// is the object's name (what <c>run get</c> takes), the name its workflow; <c>runID</c> and <c>configRevision</c>
/// are the cluster's extras.
/// </summary>
internal static class WorkflowRunData
{
    /// <summary>status.phase; a run the operator has not picked up yet has no status and is Pending.</summary>
    public static string Phase(WorkflowRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Status?.Phase ?? WorkflowRunPhases.Pending;
    }

    /// <summary>What "newest first" orders by: when the run started, else when the object was created.</summary>
    public static DateTime Newness(WorkflowRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Utc(run.Status?.StartedAt ?? run.Metadata.CreationTimestamp ?? DateTime.MinValue);
    }

    /// <summary>A run for lists: no steps, only how many.</summary>
    public static Dictionary<string, object?> Summary(WorkflowRun run)
    {
        Dictionary<string, object?> data = Common(run);
        data["steps"] = (double)((run.Status?.Nodes?.Count ?? 0) + (run.Status?.NodesOmitted ?? 0));
        return data;
    }

    /// <summary>A run with its step nodes and exported data.</summary>
    public static Dictionary<string, object?> Full(WorkflowRun run)
    {
        Dictionary<string, object?> data = Common(run);
        data["exported"] = run.Status?.Exported is { ValueKind: JsonValueKind.Object } exported
            ? GoJson.Deserialize(exported.GetRawText())
            : new Dictionary<string, object?>(StringComparer.Ordinal);
        data["nodes"] = (run.Status?.Nodes ?? []).Select(n => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = n.Id,
            ["parent"] = n.Parent ?? string.Empty,
            ["name"] = n.Name ?? string.Empty,
            ["type"] = n.Type ?? string.Empty,
            ["phase"] = n.Phase ?? WorkflowRunPhases.Pending,
            ["startedAt"] = Time(n.StartedAt),
            ["finishedAt"] = Time(n.FinishedAt),
            ["message"] = n.Message ?? string.Empty,
        }).ToList();
        if (run.Status?.NodesOmitted is int omitted and > 0)
        {
            data["nodesOmitted"] = (double)omitted;
        }

        return data;
    }

    private static Dictionary<string, object?> Common(WorkflowRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        WorkflowRunStatus? status = run.Status;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = run.Metadata.Name,
            ["namespace"] = run.Metadata.NamespaceProperty,
            ["name"] = run.Spec.Workflow ?? status?.Nodes?.FirstOrDefault(n => string.IsNullOrEmpty(n.Parent))?.Name ?? string.Empty,
            ["rule"] = run.Spec.Rule ?? string.Empty,
            ["eventID"] = run.Spec.EventId ?? string.Empty,
            ["eventName"] = run.Spec.Event is { ValueKind: JsonValueKind.Object } ev && ev.TryGetProperty("name", out JsonElement name) && name.ValueKind == JsonValueKind.String ? name.GetString() : string.Empty,
            ["phase"] = Phase(run),
            ["startedAt"] = Time(status?.StartedAt),
            ["finishedAt"] = Time(status?.FinishedAt),
            ["reason"] = status?.Reason ?? string.Empty,
            ["performing"] = status?.Performing ?? string.Empty,
            ["runID"] = status?.RunId ?? string.Empty,
            ["configRevision"] = status?.ConfigRevision ?? string.Empty,
        };
    }

    private static string? Time(DateTime? time) =>
        time is { } t ? new DateTimeOffset(Utc(t), TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture) : null;

    /// <summary>The client reads RFC 3339 times; whatever kind it gives them, they are UTC instants.</summary>
    private static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => time.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        _ => time,
    };
}
