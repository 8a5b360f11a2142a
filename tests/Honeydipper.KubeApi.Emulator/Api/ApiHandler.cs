using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Faults;
using Honeydipper.KubeApi.Emulator.Selectors;
using Microsoft.AspNetCore.Http;

namespace Honeydipper.KubeApi.Emulator.Api;

/// <summary>
/// The one HTTP entry point: non-resource URLs (version, health, discovery, OpenAPI), then resource requests
/// mapped to RBAC verbs, recorded, subjected to injected faults, and served.
/// </summary>
internal sealed class ApiHandler(EmulatorContext ctx, FaultInjector faults, ConcurrentQueue<RecordedRequest> log, Func<string> address, Reviews.AccessReviews reviews)
{
    private readonly ObjectWriter writer = new(ctx);
    private readonly ObjectDeleter deleter = new(ctx);
    private readonly WatchHandler watcher = new(ctx);

    public ObjectWriter Writer => writer;

    public ObjectDeleter Deleter => deleter;

    public PodLogs Logs { get; } = new();

    public async Task HandleAsync(HttpContext http)
    {
        CancellationToken ct = http.RequestAborted;
        try
        {
            string[] seg = (http.Request.Path.Value ?? "/").Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (http.Request.Method == "POST" && seg is ["apis", "authentication.k8s.io" or "authorization.k8s.io", "v1", "tokenreviews" or "subjectaccessreviews"])
            {
                // Reviews are create-only virtual resources: nothing is stored, the answer is the review with its status.
                JsonObject review = await HttpIo.ReadBodyAsync(http.Request, ct).ConfigureAwait(false) as JsonObject
                    ?? throw new ApiException(400, "BadRequest", "the body must be a review object");
                log.Enqueue(new RecordedRequest("create", seg[1], "v1", seg[3], null, null, null, UserOf(http.Request)));
                await HttpIo.WriteJsonAsync(http.Response, 201, seg[3] == "tokenreviews" ? reviews.ReviewToken(review) : reviews.ReviewAccess(review), ct).ConfigureAwait(false);
                return;
            }

            JsonNode? plain = NonResource(seg);
            if (plain is not null)
            {
                if (plain is JsonValue text)
                {
                    http.Response.ContentType = "text/plain";
                    await http.Response.WriteAsync(text.GetValue<string>(), ct).ConfigureAwait(false);
                    return;
                }

                await HttpIo.WriteJsonAsync(http.Response, 200, plain, ct).ConfigureAwait(false);
                return;
            }

            (string group, string version, string[] rest) = seg[0] == "api" ? ("", seg[1], seg[2..]) : (seg[1], seg[2], seg[3..]);
            RequestTarget target = RequestTarget.Parse(ctx.Registry, group, version, rest);
            string verb = Verb(http.Request, target);
            RecordedRequest record = new(verb, group, version, target.Type.Plural, target.Subresource, target.Namespace, target.Name, UserOf(http.Request));
            log.Enqueue(record);
            (int? failWith, TimeSpan delay) = faults.Decide(record);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, ctx.Time, ct).ConfigureAwait(false);
            }

            if (failWith is int code)
            {
                throw new ApiException(code, ReasonFor(code), $"injected fault: {verb} {target.Type.GroupResource} answered {code}");
            }

            await ResourceRequestAsync(http, target, record, ct).ConfigureAwait(false);
        }
        catch (ApiException e) when (!http.Response.HasStarted)
        {
            await HttpIo.WriteJsonAsync(http.Response, e.Code, e.ToStatus(), ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the client went away
        }
        catch (Exception e) when (!http.Response.HasStarted && e is not OperationCanceledException)
        {
            // A bug in the emulator: answer as kube-apiserver answers a panic, with the cause in the message.
            ApiException internalError = new(500, "InternalError", $"Internal error occurred: {e.GetType().Name}: {e.Message}");
            await HttpIo.WriteJsonAsync(http.Response, 500, internalError.ToStatus(), ct).ConfigureAwait(false);
        }
    }

    private JsonNode? NonResource(string[] seg)
    {
        string path = string.Join('/', seg);
        return seg switch
        {
            [] => new JsonObject { ["paths"] = new JsonArray("/api", "/apis", "/healthz", "/livez", "/openapi/v3", "/readyz", "/version") },
            ["version"] => new JsonObject { ["major"] = "1", ["minor"] = "32", ["gitVersion"] = "v1.32.0-honeydipper-emulator", ["goVersion"] = "n/a", ["platform"] = "linux/amd64" },
            ["healthz" or "livez" or "readyz", ..] => JsonValue.Create("ok"),
            ["api"] => Discovery.Versions(address()),
            ["api", "v1"] => Discovery.ResourceList(ctx.Registry, "", "v1"),
            ["apis"] => Discovery.GroupList(ctx.Registry),
            ["apis", string g] => ctx.Registry.Versions(g).Count > 0 ? Discovery.Group(ctx.Registry, g) : throw RequestTarget.NotFound(),
            ["apis", string g, string v] => ctx.Registry.Versions(g).Contains(v) ? Discovery.ResourceList(ctx.Registry, g, v) : throw RequestTarget.NotFound(),
            ["openapi", "v3"] => OpenApi.Root(ctx.Registry),
            ["openapi", "v3", ..] => OpenApi.Document(ctx.Registry, string.Join('/', seg[2..])) ?? throw RequestTarget.NotFound(),
            ["api" or "apis", ..] when seg.Length >= 2 => null,
            _ => throw new ApiException(404, "NotFound", $"the server could not find the requested resource ({path})", new JsonObject()),
        };
    }

    private static string Verb(HttpRequest request, RequestTarget target) => request.Method switch
    {
        "GET" when target.Name is null => HttpIo.Flag(request, "watch") ? "watch" : "list",
        "GET" => "get",
        "POST" when target.Name is null => "create",
        "PUT" when target.Name is not null => "update",
        "PATCH" when target.Name is not null => "patch",
        "DELETE" when target.Name is null => "deletecollection",
        "DELETE" => "delete",
        _ => throw ApiException.MethodNotSupported(target.Type.GroupResource, request.Method),
    };

    /// <summary>The bearer token's text is the user's name: the emulator authenticates nobody, it only tells callers apart.</summary>
    private static string? UserOf(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7
            ? header[7..].Trim()
            : null;

    private static string ReasonFor(int code) => code switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        409 => "Conflict",
        410 => "Expired",
        422 => "Invalid",
        429 => "TooManyRequests",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => "InternalError",
    };

    private async Task ResourceRequestAsync(HttpContext http, RequestTarget target, RecordedRequest record, CancellationToken ct)
    {
        string verb = record.Verb;
        HttpRequest request = http.Request;
        Resources.ResourceType type = target.Type;
        string ns = target.Namespace ?? "";
        WriteOptions options = new(request.Query["dryRun"].ToString() == "All", request.Query["fieldValidation"].ToString() is { Length: > 0 } fv ? fv : "Ignore");
        JsonNode result;
        int status = 200;
        if (target.Subresource == "log")
        {
            JsonObject pod = verb == "get" ? ctx.Store.Get(type.GroupResource, ns, target.Name!) ?? throw ApiException.NotFound(type.GroupResource, target.Name!)
                : throw ApiException.MethodNotSupported(type.GroupResource + "/log", request.Method);
            http.Response.ContentType = "text/plain";
            await http.Response.WriteAsync(Logs.Read(pod, ns, target.Name!, request.Query["container"].ToString()), ct).ConfigureAwait(false);
            return;
        }

        switch (verb)
        {
            case "get":
                JsonObject found = ctx.Store.Get(type.GroupResource, ns, target.Name!) ?? throw ApiException.NotFound(type.GroupResource, target.Name!);
                result = Shape(request, type, [WatchHandler.Present(type, found)], null, single: true);
                break;
            case "list":
                result = ListResponse(request, target);
                break;
            case "watch":
                await watcher.ServeAsync(http, target, LabelSelector.Parse(request.Query["labelSelector"]), FieldSelector.Parse(request.Query["fieldSelector"], type), ct).ConfigureAwait(false);
                return;
            case "create":
                result = WatchHandler.Present(type, writer.Create(type, ns, await HttpIo.ReadBodyAsync(request, ct).ConfigureAwait(false), options));
                RecordAdmissionChecks(record, null, (JsonObject)result);
                status = 201;
                break;
            case "update":
                JsonObject? replaced = ctx.Store.Get(type.GroupResource, ns, target.Name!);
                result = WatchHandler.Present(type, writer.Update(type, ns, target.Name!, await HttpIo.ReadBodyAsync(request, ct).ConfigureAwait(false), target.Subresource, options));
                RecordAdmissionChecks(record, replaced, (JsonObject)result);
                break;
            case "patch":
                JsonObject? patched = ctx.Store.Get(type.GroupResource, ns, target.Name!);
                ObjectPatcher patcher = new(ctx, writer);
                result = WatchHandler.Present(type, patcher.Patch(type, ns, target.Name!, request.ContentType ?? "", await HttpIo.ReadBodyAsync(request, ct).ConfigureAwait(false), target.Subresource, options));
                RecordAdmissionChecks(record, patched, (JsonObject)result);
                break;
            case "delete":
                result = DeleteResponse(type, ns, target.Name!, await DeleteOptionsOf(request, ct).ConfigureAwait(false));
                break;
            default:
                result = DeleteCollection(request, target, await DeleteOptionsOf(request, ct).ConfigureAwait(false));
                break;
        }

        foreach (string warning in options.Warnings)
        {
            http.Response.Headers.Append("Warning", $"299 - \"{warning.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }

        await HttpIo.WriteJsonAsync(http.Response, status, result, ct).ConfigureAwait(false);
    }

    /// <summary>The checks admission plugins would make for this write, recorded after the request itself.</summary>
    private void RecordAdmissionChecks(RecordedRequest record, JsonObject? before, JsonObject after)
    {
        if (record.Subresource is not null)
        {
            return; // a status write keeps the object's metadata as it was
        }

        foreach (RecordedRequest check in OwnerReferenceChecks.For(ctx.Registry, record, before, after))
        {
            log.Enqueue(check);
        }
    }

    private JsonNode ListResponse(HttpRequest request, RequestTarget target)
    {
        Resources.ResourceType type = target.Type;
        LabelSelector labels = LabelSelector.Parse(request.Query["labelSelector"]);
        FieldSelector fields = FieldSelector.Parse(request.Query["fieldSelector"], type);
        (List<JsonObject> all, long revision) = ctx.Store.List(type.GroupResource, target.Namespace);
        List<JsonObject> items = [.. all.Where(o => labels.Matches(o) && fields.Matches(o)).Select(o => WatchHandler.Present(type, o))];
        string? continueToken = null;
        string after = request.Query["continue"].ToString();
        if (after.Length > 0)
        {
            string lastKey = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(after));
            items = [.. items.Where(o => string.CompareOrdinal(Key(o), lastKey) > 0)];
        }

        int remaining = 0;
        if (int.TryParse(request.Query["limit"].ToString(), out int limit) && limit > 0 && items.Count > limit)
        {
            remaining = items.Count - limit;
            items = items[..limit];
            continueToken = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Key(items[^1])));
        }

        JsonNode shaped = Shape(request, type, items, revision.ToString(), single: false);
        if (continueToken is not null && shaped["metadata"] is JsonObject meta)
        {
            meta["continue"] = continueToken;
            meta["remainingItemCount"] = remaining;
        }

        return shaped;
    }

    private static string Key(JsonObject o) => $"{Storage.ObjectStore.NamespaceOf(o)}/{Storage.ObjectStore.NameOf(o)}";

    private JsonObject Shape(HttpRequest request, Resources.ResourceType type, List<JsonObject> items, string? revision, bool single)
    {
        if (HttpIo.WantsTable(request))
        {
            string include = request.Query["includeObject"].ToString() is { Length: > 0 } inc ? inc : "Metadata";
            return TableConverter.Convert(type, items, include, ctx.Time.GetUtcNow(), revision);
        }

        if (single)
        {
            return items[0];
        }

        return new JsonObject
        {
            ["kind"] = type.ListKind,
            ["apiVersion"] = type.GroupVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = revision },
            ["items"] = new JsonArray([.. items]),
        };
    }

    private JsonObject DeleteResponse(Resources.ResourceType type, string ns, string name, DeleteOptions options)
    {
        (JsonObject obj, bool gone) = deleter.Delete(type, ns, name, options);
        if (!gone || type.ReturnsDeletedObject || type.Kind == "Namespace")
        {
            return WatchHandler.Present(type, obj);
        }

        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = new JsonObject { ["name"] = name, ["group"] = type.Group, ["kind"] = type.Plural, ["uid"] = Storage.ObjectMeta.Str(obj, "uid") },
        };
    }

    private JsonNode DeleteCollection(HttpRequest request, RequestTarget target, DeleteOptions options)
    {
        JsonNode list = ListResponse(request, target);
        JsonArray deleted = [];
        foreach (JsonObject item in ((JsonArray)list["items"]!).OfType<JsonObject>())
        {
            try
            {
                deleted.Add(WatchHandler.Present(target.Type, deleter.Delete(target.Type, target.Namespace ?? "", Storage.ObjectStore.NameOf(item), options).Object));
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // deleted meanwhile
            }
        }

        list["items"] = deleted;
        return list;
    }

    private static async Task<DeleteOptions> DeleteOptionsOf(HttpRequest request, CancellationToken ct)
    {
        JsonNode? body = await HttpIo.ReadBodyAsync(request, ct).ConfigureAwait(false);
        string policy = request.Query["propagationPolicy"].ToString() is { Length: > 0 } p ? p
            : body?["propagationPolicy"]?.GetValue<string>() ?? (body?["orphanDependents"]?.GetValue<bool>() == true ? "Orphan" : "Background");
        bool dryRun = request.Query["dryRun"].ToString() == "All" || (body?["dryRun"] as JsonArray)?.Any(d => d?.GetValue<string>() == "All") == true;
        return new DeleteOptions(policy, body?["preconditions"]?["uid"]?.GetValue<string>(), body?["preconditions"]?["resourceVersion"]?.GetValue<string>(), dryRun);
    }
}
