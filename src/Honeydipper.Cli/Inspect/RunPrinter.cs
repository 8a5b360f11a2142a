using System.Globalization;
using Honeydipper.Core.Values;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Cli.Inspect;

/// <summary>
/// Runs as tables (coloured phases on a terminal), a step tree, JSON or YAML. The run column is
/// <paramref name="idWidth"/> wide, or as wide as the longest id of the table, and stays so for the rows that follow.
/// </summary>
internal sealed class RunPrinter(TextWriter output, string format, bool colour, int idWidth = 8)
{
    private readonly int _minIdWidth = idWidth;
    private int _idWidth = idWidth;

    public void Table(IEnumerable<IDictionary<string, object?>> runs)
    {
        List<IDictionary<string, object?>> rows = [.. runs];
        if (Structured(new Dictionary<string, object?> { ["items"] = rows.Select(r => (object?)r).ToList() }))
        {
            return;
        }

        _idWidth = rows.Select(r => Text(r, "id").Length).Append(_minIdWidth).Max();
        output.WriteLine($"{"RUN".PadRight(_idWidth)} {"WORKFLOW",-24} {"PHASE",-10} {"STARTED",-20} DURATION");
        foreach (IDictionary<string, object?> run in rows)
        {
            Row(run);
        }
    }

    public void Row(IDictionary<string, object?> run)
    {
        if (Structured(run, oneLine: true))
        {
            return;
        }

        string phase = Text(run, "phase");
        output.WriteLine($"{Text(run, "id").PadRight(_idWidth)} {Cut(Text(run, "name"), 24),-24} {Paint(phase, $"{phase,-10}")} {Started(run),-20} {Duration(run)}");
    }

    public void Run(IDictionary<string, object?> run)
    {
        if (Structured(run))
        {
            return;
        }

        string started = Started(run) is { Length: > 0 } at ? $"started {at}  {Duration(run)}" : "not started yet";
        output.WriteLine($"run {Text(run, "id")}: {Text(run, "name")}  {Paint(Text(run, "phase"), Text(run, "phase"))}  {started}");
        if (Text(run, "rule").Length > 0)
        {
            output.WriteLine($"started by rule {Text(run, "rule")} on {Text(run, "eventName")} (event {Text(run, "eventID")})");
        }

        if (Text(run, "reason").Length > 0)
        {
            output.WriteLine($"reason: {Text(run, "reason")}");
        }

        List<IDictionary<string, object?>> nodes = run.TryGetValue("nodes", out object? n) && n is IList<object?> list ? [.. list.OfType<IDictionary<string, object?>>()] : [];
        // A node whose parent was left out of a long WorkflowRun's status is shown at the top rather than lost.
        HashSet<string> ids = [.. nodes.Select(x => Text(x, "id"))];
        Tree(nodes, x => Text(x, "parent") is var p && (p.Length == 0 || !ids.Contains(p)), string.Empty);
        if (Text(run, "nodesOmitted") is { Length: > 0 } omitted)
        {
            output.WriteLine($"({omitted} more steps ran in between; the WorkflowRun keeps the first and the latest)");
        }

        if (run.TryGetValue("exported", out object? exported) && exported is IDictionary<string, object?> { Count: > 0 } map)
        {
            output.WriteLine("exported:");
            foreach (string line in GoYaml.Serialize(map).TrimEnd().Split('\n'))
            {
                output.WriteLine("  " + line);
            }
        }
    }

    private void Tree(List<IDictionary<string, object?>> nodes, Func<IDictionary<string, object?>, bool> isChild, string indent)
    {
        List<IDictionary<string, object?>> children = [.. nodes.Where(isChild)];
        for (int i = 0; i < children.Count; i++)
        {
            IDictionary<string, object?> node = children[i];
            bool last = i == children.Count - 1;
            string phase = Text(node, "phase");
            string message = Text(node, "message");
            output.WriteLine($"{indent}{(last ? "└─ " : "├─ ")}{Paint(phase, phase)} {Text(node, "name")} ({Text(node, "type")}, {Duration(node)}){(message.Length > 0 ? "  " + message : string.Empty)}");
            string id = Text(node, "id");
            Tree(nodes, x => Text(x, "parent") == id, indent + (last ? "   " : "│  "));
        }
    }

    private bool Structured(IDictionary<string, object?> value, bool oneLine = false)
    {
        switch (format)
        {
            case "json":
                output.WriteLine(oneLine ? GoJson.Serialize(value) : GoJson.Serialize(value, indent: "  "));
                return true;
            case "yaml":
                output.Write((oneLine ? "---\n" : string.Empty) + GoYaml.Serialize(value));
                return true;
            default:
                return false;
        }
    }

    private string Paint(string phase, string text) => !colour ? text : phase switch
    {
        "Succeeded" => $"\u001b[32m{text}\u001b[0m",
        "Failed" or "Error" => $"\u001b[31m{text}\u001b[0m",
        "Running" or "Pending" => $"\u001b[33m{text}\u001b[0m",
        "Waiting" => $"\u001b[35m{text}\u001b[0m",
        _ => text,
    };

    private static string Text(IDictionary<string, object?> map, string key) => map.TryGetValue(key, out object? v) && v is not null ? Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    private static string Started(IDictionary<string, object?> run) =>
        DateTimeOffset.TryParse(Text(run, "startedAt"), CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset t) ? t.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : string.Empty;

    private static string Duration(IDictionary<string, object?> run)
    {
        if (!DateTimeOffset.TryParse(Text(run, "startedAt"), CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset start))
        {
            return string.Empty;
        }

        DateTimeOffset end = DateTimeOffset.TryParse(Text(run, "finishedAt"), CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset f) ? f : DateTimeOffset.UtcNow;
        TimeSpan d = end - start;
        return d.TotalSeconds < 1 ? $"{d.TotalMilliseconds:0}ms" : d.TotalMinutes < 1 ? $"{d.TotalSeconds:0.0}s" : $"{(int)d.TotalMinutes}m{d.Seconds}s";
    }
}
