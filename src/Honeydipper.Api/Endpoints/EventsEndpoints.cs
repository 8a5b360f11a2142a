using Honeydipper.Api.Audit;
using Honeydipper.Api.Auth;
using Honeydipper.Core.Engine.Runs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Honeydipper.Api.Endpoints;

/// <summary>
/// Honeydipper's own API (semantics §8): list the sessions in progress, add an event as if a driver had sent it, and
/// wait for the sessions an event started. The namespace is <c>?namespace=</c> or the server's default.
/// </summary>
internal static class EventsEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ApiServer server)
    {
        RouteGroupBuilder events = app.MapGroup("/api/events").WithTags("events");
        events.MapGet("/", (HttpContext context) => List(server, context))
            .WithMetadata(new ApiAccess("list", "workflowruns"))
            .WithSummary("The runs in progress, as the original's session list: {<instance>: {sessions: [...]}}");
        events.MapPost("/", (Delegate)((HttpContext context) => AddAsync(server, context)))
            .WithMetadata(new ApiAccess("create", "workflowruns"))
            .WithSummary("Adds an event ({events: [\"driver.rawevent\"...], data: {...}}) as a driver would; answers {<instance>: {eventID}}");
        events.MapGet("/{eventID}/wait", (string eventID, HttpContext context) => WaitAsync(server, eventID, context))
            .WithMetadata(new ApiAccess("get", "workflowruns"))
            .WithSummary("Waits for every run the event started: 200 {sessions} when all ended, 202 {uuid, results} after the wait timeout, 404 when it started none");
    }

    private static IResult List(ApiServer server, HttpContext context)
    {
        string ns = ApiServer.NamespaceOf(context);
        if (server.Targets.Find(ns) is not { } target)
        {
            return Problems.NoNamespace(ns);
        }

        List<object?> sessions = [.. target.Runs.List().Where(r => !r.Phase.IsFinished()).Select(r => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = r.Name,
            ["description"] = Description(target, r),
            ["exported"] = r.Exported,
            ["eventID"] = r.EventId,
            ["event"] = r.EventName,
            ["startTime"] = ApiJson.Time(r.StartedAt),
        })];
        return ApiJson.Ok(new Dictionary<string, object?> { [server.Options.Instance] = new Dictionary<string, object?> { ["sessions"] = sessions } });
    }

    private static async Task<IResult> AddAsync(ApiServer server, HttpContext context)
    {
        string ns = ApiServer.NamespaceOf(context);
        if (server.Targets.Find(ns) is not { } target)
        {
            return Problems.NoNamespace(ns);
        }

        if (!RequestBody.IsJson(context.Request))
        {
            return Problems.Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"content-type: {context.Request.ContentType}: the body must be application/json");
        }

        (IDictionary<string, object?>? body, string error) = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Problems.BadRequest(error);
        }

        if (RequestBody.Field(body, "events") is not IList<object?> list || list.Count == 0 || list.Any(e => e is not string { Length: > 0 }))
        {
            return Problems.BadRequest("events: a list of event names (\"<driver>.<raw event>\", e.g. \"webhook.\") is required");
        }

        object? data = RequestBody.Field(body, "data");
        string eventId = Guid.NewGuid().ToString();
        string actor = ApiServer.UserOf(context).Name;
        target.StartedBy(eventId, actor);
        foreach (string name in list.Cast<string>())
        {
            await target.PublishEventAsync(name, data, eventId, context.RequestAborted).ConfigureAwait(false);
        }

        server.Audit.Write(new AuditRecord("event.add", actor, ns, $"event/{eventId}", new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["events"] = list,
            ["data"] = data,
        }));
        return ApiJson.Ok(new Dictionary<string, object?> { [server.Options.Instance] = new Dictionary<string, object?> { ["eventID"] = eventId } });
    }

    private static async Task<IResult> WaitAsync(ApiServer server, string eventId, HttpContext context)
    {
        string ns = ApiServer.NamespaceOf(context);
        if (server.Targets.Find(ns) is not { } target)
        {
            return Problems.NoNamespace(ns);
        }

        TimeProvider time = server.Options.Time;
        long start = time.GetTimestamp();
        while (true)
        {
            Task change = target.Runs.NextChange;
            IReadOnlyList<RunRecord> runs = target.Runs.ForEvent(eventId);
            TimeSpan waited = time.GetElapsedTime(start);
            if (runs.Count == 0 && waited >= server.Options.EventGrace)
            {
                return Problems.NotFound($"object not found: no run of event {eventId} in namespace {ns}");
            }

            if (runs.Count > 0 && runs.All(r => r.Phase.IsFinished()))
            {
                return ApiJson.Ok(new Dictionary<string, object?> { ["sessions"] = Sessions(target, runs) });
            }

            TimeSpan left = (runs.Count == 0 ? server.Options.EventGrace : server.Options.WaitTimeout) - waited;
            if (left <= TimeSpan.Zero)
            {
                // As the original: not done in time; the same GET again picks the wait up.
                return ApiJson.Ok(new Dictionary<string, object?>
                {
                    ["uuid"] = eventId,
                    ["results"] = new Dictionary<string, object?> { ["sessions"] = Sessions(target, runs) },
                }, StatusCodes.Status202Accepted);
            }

            using CancellationTokenSource timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            timeout.CancelAfter(left);
            try
            {
                await change.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
            {
                // Time to look again and answer.
            }
        }
    }

    private static List<object?> Sessions(ApiNamespace target, IEnumerable<RunRecord> runs) => [.. runs.Select(r => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["name"] = r.Name,
        ["description"] = Description(target, r),
        ["exported"] = r.Exported,
        ["event"] = r.EventName,
        ["status"] = r.Status,
        ["reason"] = r.Reason,
    })];

    private static string Description(ApiNamespace target, RunRecord run) =>
        target.Config().Workflows.TryGetValue(run.Name, out Core.Config.Model.WorkflowDefinition? w) ? w.Description : string.Empty;
}
