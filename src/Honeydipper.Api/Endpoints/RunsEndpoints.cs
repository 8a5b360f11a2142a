using System.Text;
using Honeydipper.Api.Audit;
using Honeydipper.Api.Auth;
using Honeydipper.Core.Engine;
using Honeydipper.Core.Engine.Runs;
using Honeydipper.Core.Values;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Honeydipper.Api.Endpoints;

/// <summary>A namespace's runs: list (filters, pages), one with its steps, start, cancel, the live stream.</summary>
internal static class RunsEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ApiServer server)
    {
        app.MapGet("/api/v1/namespaces", (HttpContext _) => ApiJson.Ok(new Dictionary<string, object?> { ["items"] = server.Targets.Names.Order(StringComparer.Ordinal).Select(n => (object?)n).ToList() }))
            .WithMetadata(new ApiAccess("list", string.Empty)).WithTags("runs").WithSummary("The namespaces whose engine runs in this process");
        RouteGroupBuilder runs = app.MapGroup("/api/v1/namespaces/{ns}/runs").WithTags("runs");
        runs.MapGet("/", (string ns, string? phase, string? workflow, int? limit, string? @continue) => List(server, ns, phase, workflow, limit, @continue))
            .WithMetadata(new ApiAccess("list", "workflowruns"))
            .WithSummary("Runs, newest first, without their steps; filters phase and workflow; pages of limit (default 100, at most 1000) with continue");
        runs.MapGet("/stream", (string ns, HttpContext context) => StreamAsync(server, ns, context))
            .WithMetadata(new ApiAccess("watch", "workflowruns"))
            .WithSummary("Server-sent events: every run now, then each update (event: run, data: the run with its steps)");
        runs.MapGet("/{id}", (string ns, string id) => Get(server, ns, id))
            .WithMetadata(new ApiAccess("get", "workflowruns")).WithSummary("A run with its step nodes, timings, exported data and errors");
        runs.MapPost("/", (string ns, HttpContext context) => StartAsync(server, ns, context))
            .WithMetadata(new ApiAccess("create", "workflowruns")).WithSummary("Starts a workflow: {workflow, with}; 201 with the run");
        runs.MapPost("/{id}/cancel", (string ns, string id, HttpContext context) => CancelAsync(server, ns, id, context))
            .WithMetadata(new ApiAccess("update", "workflowruns"))
            .WithSummary("Cancels an unfinished run (optional body {reason}): its sessions end without hooks; 200 with the run, 409 when it has finished");
    }

    private static IResult List(ApiServer server, string ns, string? phase, string? workflow, int? limit, string? from)
    {
        if (server.Targets.Find(ns) is not { } target)
        {
            return Problems.NoNamespace(ns);
        }

        if (phase is not null && !Enum.TryParse(phase, ignoreCase: true, out RunPhase wanted))
        {
            return Problems.BadRequest($"phase: {phase} is not one of {string.Join(", ", Enum.GetNames<RunPhase>())}");
        }

        int size = Math.Clamp(limit ?? 100, 1, 1000);
        IEnumerable<RunRecord> runs = target.Runs.List();
        if (phase is not null)
        {
            RunPhase p = Enum.Parse<RunPhase>(phase, ignoreCase: true);
            runs = runs.Where(r => r.Phase == p);
        }

        if (!string.IsNullOrEmpty(workflow))
        {
            runs = runs.Where(r => r.Name == workflow);
        }

        if (!string.IsNullOrEmpty(from))
        {
            // The token is where the previous page ended (start time and id): runs that arrive meanwhile do not shift pages.
            if (Decode(from) is not { } after)
            {
                return Problems.BadRequest("continue: not a token this API gave");
            }

            runs = runs.SkipWhile(r => r.StartedAt > after.Started || (r.StartedAt == after.Started && string.CompareOrdinal(r.Id, after.Id) >= 0));
        }

        List<RunRecord> page = [.. runs.Take(size + 1)];
        string? next = page.Count > size ? Encode(page[size - 1]) : null;
        return ApiJson.Ok(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["items"] = page.Take(size).Select(r => (object?)ApiJson.Summary(ns, r)).ToList(),
            ["continue"] = next,
        });
    }

    private static IResult Get(ApiServer server, string ns, string id)
    {
        if (server.Targets.Find(ns) is not { } target)
        {
            return Problems.NoNamespace(ns);
        }

        return target.Runs.Get(id) is { } run ? ApiJson.Ok(ApiJson.Run(ns, run)) : Problems.NotFound($"run {id} not found in namespace {ns} (finished runs are kept while they are among the newest)");
    }

    private static async Task<IResult> StartAsync(ApiServer server, string ns, HttpContext context)
    {
        if (server.Targets.Find(ns) is not { } target)
        {
            return Problems.NoNamespace(ns);
        }

        if (!RequestBody.IsJson(context.Request))
        {
            return Problems.Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "the body must be application/json: {\"workflow\": \"<name>\", \"with\": {...}}");
        }

        (IDictionary<string, object?>? body, string error) = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Problems.BadRequest(error);
        }

        if (RequestBody.Field(body, "workflow") is not string { Length: > 0 } workflow)
        {
            return Problems.BadRequest("workflow: the name of a workflow to run is required");
        }

        object? with = RequestBody.Field(body, "with");
        if (with is not null and not IDictionary<string, object?>)
        {
            return Problems.BadRequest("with: must be an object (the run's context values)");
        }

        if (!target.Config().Workflows.ContainsKey(workflow))
        {
            return Problems.Of(StatusCodes.Status404NotFound, "Not found", $"workflow {workflow} is not defined in namespace {ns}");
        }

        string actor = ApiServer.UserOf(context).Name;
        string eventId = "api-" + Guid.NewGuid().ToString("N");
        target.StartedBy(eventId, actor);
        Task change = target.Runs.NextChange;
        string runId;
        try
        {
            IDictionary<string, object?> ctx = with is IDictionary<string, object?> w ? DataTree.CopyMap(w) : new Dictionary<string, object?>(StringComparer.Ordinal);
            runId = await target.Host.StartWorkflowAsync(workflow, null, ctx, new Dictionary<string, string>(StringComparer.Ordinal) { ["eventID"] = eventId }).ConfigureAwait(false);
        }
        catch (WorkflowException ex)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, "Workflow error", ex.Message);
        }

        server.Audit.Write(new AuditRecord("run.create", actor, ns, runId.Length > 0 ? $"run/{runId}" : $"workflow/{workflow}", new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["workflow"] = workflow,
            ["with"] = with,
            ["eventID"] = eventId,
        }));
        if (runId.Length == 0)
        {
            return ApiJson.Ok(new Dictionary<string, object?> { ["id"] = string.Empty, ["workflow"] = workflow, ["skipped"] = true, ["reason"] = "the workflow's condition kept it from running" });
        }

        // The engine announces the run once the turn that started it is saved; answer with it when it has.
        RunRecord? run = await AnnouncedAsync(target, runId, _ => true, change, context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.Location = $"/api/v1/namespaces/{ns}/runs/{runId}";
        return ApiJson.Ok(run is null ? new Dictionary<string, object?> { ["id"] = runId, ["namespace"] = ns, ["name"] = workflow, ["eventID"] = eventId, ["phase"] = "Pending" } : ApiJson.Run(ns, run), StatusCodes.Status201Created);
    }

    private static async Task<IResult> CancelAsync(ApiServer server, string ns, string id, HttpContext context)
    {
        if (server.Targets.Find(ns) is not { } target)
        {
            return Problems.NoNamespace(ns);
        }

        string why = string.Empty;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            if (!RequestBody.IsJson(context.Request))
            {
                return Problems.Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "the body, when given, must be application/json: {\"reason\": \"...\"}");
            }

            (IDictionary<string, object?>? body, string error) = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            if (body is null)
            {
                return Problems.BadRequest(error);
            }

            object? given = RequestBody.Field(body, "reason");
            if (given is not (null or string))
            {
                return Problems.BadRequest("reason: must be a string");
            }

            why = given as string ?? string.Empty;
        }

        string actor = ApiServer.UserOf(context).Name;
        string reason = $"cancelled by {actor}" + (why.Length > 0 ? ": " + why : string.Empty);
        Task change = target.Runs.NextChange;
        if (!await target.Host.CancelRunAsync(id, reason).ConfigureAwait(false))
        {
            return target.Runs.Get(id) is { } known && known.Phase.IsFinished()
                ? Problems.Of(StatusCodes.Status409Conflict, "Conflict", $"run {id} in namespace {ns} has already finished ({known.Phase}): only a running or waiting run can be cancelled")
                : Problems.NotFound($"run {id} is not running in namespace {ns}");
        }

        server.Audit.Write(new AuditRecord("run.cancel", actor, ns, $"run/{id}", new Dictionary<string, object?>(StringComparer.Ordinal) { ["reason"] = why }));

        // Answer with the run as cancelled once the turn that cancelled it is saved and announced.
        RunRecord? run = await AnnouncedAsync(target, id, r => r.Phase == RunPhase.Cancelled, change, context.RequestAborted).ConfigureAwait(false);
        return ApiJson.Ok(run is not null ? ApiJson.Run(ns, run) : new Dictionary<string, object?> { ["id"] = id, ["namespace"] = ns, ["phase"] = nameof(RunPhase.Cancelled), ["reason"] = reason });
    }

    /// <summary>The run once the store holds it as <paramref name="wanted"/> (the engine announces a turn after saving it), or as it is after 5 s.</summary>
    private static async Task<RunRecord?> AnnouncedAsync(ApiNamespace target, string id, Func<RunRecord, bool> wanted, Task change, CancellationToken aborted)
    {
        using CancellationTokenSource wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        wait.CancelAfter(TimeSpan.FromSeconds(5));
        while (!(target.Runs.Get(id) is { } run && wanted(run)) && !wait.IsCancellationRequested)
        {
            try
            {
                await change.WaitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
            {
                break;
            }

            change = target.Runs.NextChange;
        }

        return target.Runs.Get(id);
    }

    private static async Task StreamAsync(ApiServer server, string ns, HttpContext context)
    {
        if (server.Targets.Find(ns) is not { } target)
        {
            await Problems.NoNamespace(ns).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        HttpResponse response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        using PeriodicTimer keepAlive = new(server.Options.StreamKeepAlive, server.Options.Time);
        await using IAsyncEnumerator<RunRecord> updates = target.Runs.WatchAsync(context.RequestAborted).GetAsyncEnumerator(context.RequestAborted);
        Task<bool> nextUpdate = updates.MoveNextAsync().AsTask();
        Task<bool> nextTick = keepAlive.WaitForNextTickAsync(context.RequestAborted).AsTask();
        try
        {
            while (true)
            {
                Task done = await Task.WhenAny(nextUpdate, nextTick).ConfigureAwait(false);
                if (done == nextTick)
                {
                    await nextTick.ConfigureAwait(false);
                    await response.WriteAsync(": keep-alive\n\n", context.RequestAborted).ConfigureAwait(false);
                    nextTick = keepAlive.WaitForNextTickAsync(context.RequestAborted).AsTask();
                }
                else
                {
                    if (!await nextUpdate.ConfigureAwait(false))
                    {
                        return;
                    }

                    RunRecord run = updates.Current;
                    string json = GoJson.Serialize(ApiJson.Run(ns, run), escapeHtml: false);
                    await response.WriteAsync($"event: run\nid: {run.Id}\ndata: {json}\n\n", Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
                    nextUpdate = updates.MoveNextAsync().AsTask();
                }

                await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client closed the stream.
        }
        finally
        {
            await Task.WhenAll(Quiet(nextUpdate), Quiet(nextTick)).ConfigureAwait(false);
        }
    }

    private static async Task Quiet(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The stream ended.
        }
    }

    private static string Encode(RunRecord run) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{run.StartedAt.UtcTicks}|{run.Id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (DateTimeOffset Started, string Id)? Decode(string token)
    {
        try
        {
            string b64 = token.Replace('-', '+').Replace('_', '/');
            b64 = b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '=');
            string text = Encoding.UTF8.GetString(Convert.FromBase64String(b64));
            int bar = text.IndexOf('|', StringComparison.Ordinal);
            return bar > 0 && long.TryParse(text[..bar], System.Globalization.CultureInfo.InvariantCulture, out long ticks)
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), text[(bar + 1)..])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
