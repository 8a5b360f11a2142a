using Honeydipper.Api.Auth;
using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Engine.Rules;
using Honeydipper.Core.Engine.Runs;
using Honeydipper.Core.Values;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Honeydipper.Api.Endpoints;

/// <summary>What a namespace runs: its workflows and rules with their latest run, and its drivers with their health.</summary>
internal static class ConfigEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ApiServer server)
    {
        RouteGroupBuilder ns = app.MapGroup("/api/v1/namespaces/{ns}").WithTags("configuration");
        ns.MapGet("/workflows", (string ns) => Workflows(server, ns))
            .WithMetadata(new ApiAccess("list", "workflows")).WithSummary("Workflows: name, description, the latest run and its phase");
        ns.MapGet("/rules", (string ns) => RulesAsync(server, ns))
            .WithMetadata(new ApiAccess("list", "rules")).WithSummary("Rules: the event each listens to, what it runs, its status and latest run");
        ns.MapGet("/drivers", (string ns, HttpContext context) => DriversAsync(server, ns, context.RequestAborted))
            .WithMetadata(new ApiAccess("list", "drivers")).WithSummary("Drivers: name and health (the driver's last heartbeat)");
    }

    private static IResult Workflows(ApiServer server, string ns)
    {
        if (server.Targets.Find(ns) is not { } target)
        {
            return Problems.NoNamespace(ns);
        }

        IReadOnlyList<RunRecord> runs = target.Runs.List();
        Dictionary<string, RunRecord> latest = new(StringComparer.Ordinal);
        foreach (RunRecord run in runs)
        {
            latest.TryAdd(run.Name, run); // newest first: the first seen is the latest
        }

        List<object?> items = [.. target.Config().Workflows.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = w.Key,
            ["description"] = w.Value.Description,
            ["status"] = "Ready",
            ["lastRun"] = latest.TryGetValue(w.Key, out RunRecord? last) ? last.Id : null,
            ["lastPhase"] = last?.Phase.ToString(),
        })];
        return ApiJson.Ok(new Dictionary<string, object?> { ["items"] = items });
    }

    private static async Task<IResult> RulesAsync(ApiServer server, string ns)
    {
        if (server.Targets.Find(ns) is not { } target)
        {
            return Problems.NoNamespace(ns);
        }

        RuleIndex index = await target.Host.InspectAsync(engine => engine.Rules).ConfigureAwait(false);
        Dictionary<string, RunRecord> latest = new(StringComparer.Ordinal);
        foreach (RunRecord run in target.Runs.List().Where(r => r.Rule.Length > 0))
        {
            latest.TryAdd(run.Rule, run);
        }

        List<object?> items = [.. index.Rules.Select(r => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = r.Subject,
            ["event"] = r.Trigger.EventName,
            ["rawEvent"] = r.Trigger.Key,
            ["workflow"] = r.Rule.Do.Name.Length > 0 ? r.Rule.Do.Name : r.Rule.Do.CallWorkflow,
            ["suspended"] = r.Rule.Suspend,
            ["status"] = "Ready",
            ["lastRun"] = latest.TryGetValue(r.Subject, out RunRecord? last) ? last.Id : null,
            ["lastPhase"] = last?.Phase.ToString(),
        })];
        items.AddRange(index.Problems.Select(p => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = p.Subject,
            ["status"] = "Invalid",
            ["message"] = p.Message,
        }));
        return ApiJson.Ok(new Dictionary<string, object?> { ["items"] = items });
    }

    private static async Task<IResult> DriversAsync(ApiServer server, string ns, CancellationToken cancellationToken)
    {
        if (server.Targets.Find(ns) is not { } target)
        {
            return Problems.NoNamespace(ns);
        }

        HoneydipperConfig config = target.Config();
        SortedSet<string> names = new(StringComparer.Ordinal);
        names.UnionWith(config.Drivers.Keys.Where(k => k != "daemon"));
        names.UnionWith(config.Rules.Select(r => r.When.Driver).Where(d => d.Length > 0));
        names.UnionWith(config.Systems.Values.SelectMany(s => s.Functions.Values).Select(f => f.Driver).Where(d => d.Length > 0));
        List<object?> items = [];
        foreach (string name in names)
        {
            string? health = await target.DriverHealth(name, cancellationToken).ConfigureAwait(false);
            object? parsed = health is null ? null : GoJson.Deserialize(health);
            string state = parsed is IDictionary<string, object?> h && RequestBody.Field(h, "state") is string s ? s : "unknown";
            items.Add(new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = name,
                ["state"] = state,
                ["health"] = parsed,
            });
        }

        return ApiJson.Ok(new Dictionary<string, object?> { ["items"] = items });
    }
}
