using System.Globalization;
using Honeydipper.Core.Engine.Runs;

namespace Honeydipper.Core.Engine.State;

/// <summary>Run records as data, to save the runs of sessions that are still going.</summary>
public static class RunState
{
    public static Dictionary<string, object?> Capture(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(StringComparer.Ordinal)
        {
            ["id"] = run.Id,
            ["name"] = run.Name,
            ["rule"] = run.Rule,
            ["eventID"] = run.EventId,
            ["eventName"] = run.EventName,
            ["phase"] = run.Phase.ToString(),
            ["startedAt"] = Time(run.StartedAt),
            ["finishedAt"] = run.FinishedAt is { } f ? Time(f) : null,
            ["status"] = run.Status,
            ["reason"] = run.Reason,
            ["performing"] = run.Performing,
            ["exported"] = run.Exported,
            ["nodes"] = run.Nodes.Select(n => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = n.Id,
                ["parent"] = n.Parent,
                ["name"] = n.Name,
                ["type"] = n.Type,
                ["phase"] = n.Phase.ToString(),
                ["startedAt"] = Time(n.StartedAt),
                ["finishedAt"] = n.FinishedAt is { } nf ? Time(nf) : null,
                ["message"] = n.Message,
            }).ToList(),
        };
    }

    public static RunRecord Restore(IDictionary<string, object?> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        RunRecord run = new()
        {
            Id = Text(data, "id"),
            Name = Text(data, "name"),
            Rule = Text(data, "rule"),
            EventId = Text(data, "eventID"),
            EventName = Text(data, "eventName"),
            Phase = Enum.Parse<RunPhase>(Text(data, "phase")),
            StartedAt = ParseTime(Text(data, "startedAt")),
            FinishedAt = data.TryGetValue("finishedAt", out object? f) && f is string s ? ParseTime(s) : null,
            Status = Text(data, "status"),
            Reason = Text(data, "reason"),
            Performing = Text(data, "performing"),
            Exported = data.TryGetValue("exported", out object? e) && e is IDictionary<string, object?> exported ? Values.DataTree.CopyMap(exported) : [],
        };
        if (data.TryGetValue("nodes", out object? nodes) && nodes is IList<object?> list)
        {
            foreach (IDictionary<string, object?> n in list.OfType<IDictionary<string, object?>>())
            {
                run.Add(new RunNode
                {
                    Id = Text(n, "id"),
                    Parent = Text(n, "parent"),
                    Name = Text(n, "name"),
                    Type = Text(n, "type"),
                    Phase = Enum.Parse<RunPhase>(Text(n, "phase")),
                    StartedAt = ParseTime(Text(n, "startedAt")),
                    FinishedAt = n.TryGetValue("finishedAt", out object? nf) && nf is string nfs ? ParseTime(nfs) : null,
                    Message = Text(n, "message"),
                });
            }
        }

        return run;
    }

    private static string Time(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static string Text(IDictionary<string, object?> data, string key) => data.TryGetValue(key, out object? v) && v is string s ? s : string.Empty;
}
