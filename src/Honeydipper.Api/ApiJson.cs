using System.Globalization;
using Honeydipper.Core.Engine.Runs;
using Honeydipper.Core.Engine.State;
using Honeydipper.Core.Values;
using Microsoft.AspNetCore.Http;

namespace Honeydipper.Api;

/// <summary>The API's JSON: Go-shaped values (maps, lists, strings, numbers) written as the engine's own data is.</summary>
internal static class ApiJson
{
    public const string ContentType = "application/json; charset=utf-8";

    public static IResult Ok(object? value, int status = StatusCodes.Status200OK) =>
        Results.Content(GoJson.Serialize(value, escapeHtml: false), ContentType, null, status);

    /// <summary>A run with its step nodes (one page of the dashboard, <c>run get</c>).</summary>
    public static Dictionary<string, object?> Run(string ns, RunRecord run)
    {
        Dictionary<string, object?> data = RunState.Capture(run);
        data["namespace"] = ns;
        return data;
    }

    /// <summary>A run without its nodes (lists: small even with thousands of runs).</summary>
    public static Dictionary<string, object?> Summary(string ns, RunRecord run) => new(StringComparer.Ordinal)
    {
        ["id"] = run.Id,
        ["namespace"] = ns,
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
        ["steps"] = (double)run.Nodes.Count,
    };

    public static string Time(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);
}
