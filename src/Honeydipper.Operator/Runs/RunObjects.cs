using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Honeydipper.Core.Engine.Runs;
using Honeydipper.Core.Values;
using Honeydipper.Kubernetes.Resources.WorkflowRuns;

namespace Honeydipper.Operator.Runs;

/// <summary>How an engine run looks as a WorkflowRun: its name, labels and status summary.</summary>
public static class RunObjects
{
    public const string RunIdLabel = "honeydipper.io/run-id";
    public const string WorkflowLabel = "honeydipper.io/workflow";
    public const string RuleLabel = "honeydipper.io/rule";
    public const string PhaseLabel = "honeydipper.io/phase";

    /// <summary>The most nodes a status lists: the first and the latest half each; the rest is counted in nodesOmitted.</summary>
    public const int MaxNodes = 100;

    /// <summary>
    /// The object's name: the workflow (or what the run performs) made a valid name, and a short id derived from the
    /// run's id and start time, so that writing the same run again (after a restart) finds the same object.
    /// </summary>
    public static string Name(string ns, string prefix, RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        string stem = NameStem(prefix);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{ns}|{run.Id}|{run.StartedAt.UtcTicks}"));
        StringBuilder id = new();
        foreach (byte b in hash.AsSpan(0, 6))
        {
            id.Append("0123456789abcdefghijklmnopqrstuvwxyz"[b % 36]);
        }

        return $"{(stem.Length > 0 ? stem : "run")}-{id}";
    }

    /// <summary>
    /// The start of a run object's name for a workflow: lower case letters, digits and dashes, at most 40 characters
    /// (empty when nothing is left). The CLI's <c>run start</c> uses it too, as <c>generateName</c>.
    /// </summary>
    public static string NameStem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Dns1123(text, 40);
    }

    /// <summary>A label value: at most 63 of [A-Za-z0-9._-], starting and ending with a letter or digit.</summary>
    public static string LabelValue(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder sb = new();
        foreach (char c in text)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        }

        string value = sb.ToString();
        value = value.Length > 63 ? value[..63] : value;
        return value.Trim('.', '_', '-');
    }

    public static string Phase(RunPhase phase) => phase switch
    {
        RunPhase.Pending => WorkflowRunPhases.Pending,
        RunPhase.Running => WorkflowRunPhases.Running,
        RunPhase.Waiting => WorkflowRunPhases.Waiting,
        RunPhase.Succeeded => WorkflowRunPhases.Succeeded,
        RunPhase.Failed => WorkflowRunPhases.Failed,
        RunPhase.Skipped => WorkflowRunPhases.Skipped,
        RunPhase.Cancelled => WorkflowRunPhases.Cancelled,
        _ => WorkflowRunPhases.Error,
    };

    /// <summary>The status summary (conditions are added by the writer, which knows the previous ones).</summary>
    public static WorkflowRunStatus Status(RunRecord run, string configRevision, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        List<RunNode> nodes = [.. run.Nodes];
        int omitted = Math.Max(0, nodes.Count - MaxNodes);
        if (omitted > 0)
        {
            nodes = [.. nodes.Take(MaxNodes / 2), .. nodes.Skip(nodes.Count - (MaxNodes / 2))];
        }

        return new WorkflowRunStatus
        {
            Phase = Phase(run.Phase),
            RunId = run.Id,
            ConfigRevision = configRevision,
            StartedAt = run.StartedAt.UtcDateTime,
            FinishedAt = run.FinishedAt?.UtcDateTime,
            Duration = Duration((run.FinishedAt ?? now) - run.StartedAt),
            Reason = run.Reason.Length > 0 ? Trim(run.Reason, 1024) : null,
            Performing = run.Performing.Length > 0 ? Trim(run.Performing, 256) : null,
            Nodes = [.. nodes.Select(Node)],
            NodesOmitted = omitted > 0 ? omitted : null,
            Exported = run.Exported.Count > 0 ? JsonSerializer.Deserialize<JsonElement>(GoJson.Serialize(run.Exported, escapeHtml: false)) : null,
        };
    }

    /// <summary>A duration for people: "850ms", "12.3s", "4m05s", "2h03m".</summary>
    public static string Duration(TimeSpan d)
    {
        if (d < TimeSpan.Zero)
        {
            d = TimeSpan.Zero;
        }

        return d.TotalSeconds < 1 ? $"{(int)d.TotalMilliseconds}ms"
            : d.TotalMinutes < 1 ? d.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + "s"
            : d.TotalHours < 1 ? $"{(int)d.TotalMinutes}m{d.Seconds:00}s"
            : $"{(int)d.TotalHours}h{d.Minutes:00}m";
    }

    private static WorkflowRunNode Node(RunNode n) => new()
    {
        Id = n.Id,
        Parent = n.Parent.Length > 0 ? n.Parent : null,
        Name = Trim(n.Name, 256),
        Type = n.Type,
        Phase = Phase(n.Phase),
        StartedAt = n.StartedAt.UtcDateTime,
        FinishedAt = n.FinishedAt?.UtcDateTime,
        Message = n.Message.Length > 0 ? Trim(n.Message, 512) : null,
    };

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..(max - 3)] + "...";

    private static string Dns1123(string text, int max)
    {
        StringBuilder sb = new();
        foreach (char c in text.ToLowerInvariant())
        {
            char next = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '-';
            if (next == '-' && (sb.Length == 0 || sb[^1] == '-'))
            {
                continue;
            }

            sb.Append(next);
        }

        string value = sb.ToString();
        return (value.Length > max ? value[..max] : value).Trim('-');
    }
}
