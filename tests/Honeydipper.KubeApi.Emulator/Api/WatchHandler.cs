using System.Text;
using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Resources;
using Honeydipper.KubeApi.Emulator.Selectors;
using Honeydipper.KubeApi.Emulator.Storage;
using Microsoft.AspNetCore.Http;

namespace Honeydipper.KubeApi.Emulator.Api;

/// <summary>
/// ?watch=1 streams: newline-delimited {"type","object"} events over a chunked response, starting from a
/// resourceVersion (replayed from history, or an ERROR event with 410 Expired when it is compacted) or from the
/// current state; objects moving in or out of the selectors appear as ADDED or DELETED; BOOKMARK events when
/// allowed; closed after timeoutSeconds.
/// </summary>
internal sealed class WatchHandler(EmulatorContext ctx)
{
    public async Task ServeAsync(HttpContext http, RequestTarget target, LabelSelector labels, FieldSelector fields, CancellationToken cancellationToken)
    {
        HttpRequest request = http.Request;
        ResourceType type = target.Type;
        string rvText = request.Query["resourceVersion"].ToString();
        bool bookmarks = HttpIo.Flag(request, "allowWatchBookmarks");
        bool initialEvents = HttpIo.Flag(request, "sendInitialEvents");
        bool table = HttpIo.WantsTable(request);
        long? from = rvText is "" or "0" || initialEvents ? null : long.TryParse(rvText, out long rv) ? rv : throw ApiException.BadRequest($"invalid resource version: {rvText}");
        TimeSpan timeout = int.TryParse(request.Query["timeoutSeconds"].ToString(), out int seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : ctx.Options.DefaultWatchTimeout;

        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        WatchSubscription sub;
        try
        {
            sub = ctx.Store.Subscribe(type.GroupResource, target.Namespace, from);
        }
        catch (ApiException e) when (e.Code == 410)
        {
            // kube-apiserver answers a watch from a compacted version with 200 and one ERROR event.
            await WriteEventAsync(http.Response, "ERROR", e.ToStatus(), cancellationToken).ConfigureAwait(false);
            return;
        }

        using (sub)
        {
            // Headers go out at once, as kube-apiserver sends them: clients wait for them before anything else.
            await http.Response.StartAsync(cancellationToken).ConfigureAwait(false);
            await http.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            // With sendInitialEvents the replayed state ends with a bookmark that says so (the WatchList protocol).
            int initialLeft = initialEvents ? sub.ReplayCount : -1;
            bool firstTable = true;
            using CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, sub.Dropped);
            stop.CancelAfter(timeout);
            using PeriodicTimer bookmarkTimer = new(ctx.Options.BookmarkInterval, ctx.Time);
            Task<bool> bookmarkTick = bookmarkTimer.WaitForNextTickAsync(stop.Token).AsTask();
            try
            {
                if (initialLeft == 0 && bookmarks)
                {
                    await WriteBookmarkAsync(http.Response, type, ctx.Store.CurrentRevision, initialEnd: true, stop.Token).ConfigureAwait(false);
                }

                // One pending read at a time: the channel has a single reader.
                Task<bool>? next = null;
                while (!stop.IsCancellationRequested)
                {
                    next ??= sub.Events.WaitToReadAsync(stop.Token).AsTask();
                    Task done = await Task.WhenAny(next, bookmarkTick).ConfigureAwait(false);
                    if (done == bookmarkTick)
                    {
                        // Read the revision before looking at the queue: every event up to it is queued already.
                        long revision = ctx.Store.CurrentRevision;
                        if (bookmarks && initialLeft <= 0 && sub.Events.Count == 0)
                        {
                            await WriteBookmarkAsync(http.Response, type, revision, initialEnd: false, stop.Token).ConfigureAwait(false);
                        }

                        bookmarkTick = bookmarkTimer.WaitForNextTickAsync(stop.Token).AsTask();
                        continue;
                    }

                    bool more = await next.ConfigureAwait(false);
                    next = null;
                    if (!more)
                    {
                        break;
                    }

                    while (sub.Events.TryRead(out StoredEvent? e))
                    {
                        (string? kind, JsonObject obj) = Translate(e, labels, fields);
                        if (kind is not null)
                        {
                            JsonObject shown = Present(type, obj);
                            JsonNode payload = table ? TableConverter.Convert(type, [shown], "Object", ctx.Time.GetUtcNow(), ObjectStore.ResourceVersionOf(shown), firstTable) : shown;
                            firstTable = false;
                            await WriteEventAsync(http.Response, kind, payload, stop.Token).ConfigureAwait(false);
                        }

                        if (--initialLeft == 0 && bookmarks)
                        {
                            await WriteBookmarkAsync(http.Response, type, e.ResourceVersion, initialEnd: true, stop.Token).ConfigureAwait(false);
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // timeout, client gone, or a dropped watch: the stream just ends
            }

            if (sub.Dropped.IsCancellationRequested)
            {
                http.Abort();
            }
        }
    }

    /// <summary>Events as this watcher's selectors see them: objects entering the selection are ADDED, leaving it DELETED.</summary>
    private static (string? Kind, JsonObject Object) Translate(StoredEvent e, LabelSelector labels, FieldSelector fields)
    {
        bool now = labels.Matches(e.Object) && fields.Matches(e.Object);
        bool before = e.Previous is not null && labels.Matches(e.Previous) && fields.Matches(e.Previous);
        return e.Type switch
        {
            StoredEvent.Added => (now ? StoredEvent.Added : null, e.Object),
            StoredEvent.Deleted => (now || before ? StoredEvent.Deleted : null, e.Object),
            _ when now && before => (StoredEvent.Modified, e.Object),
            _ when now => (StoredEvent.Added, e.Object),
            _ when before => (StoredEvent.Deleted, e.Object),
            _ => (null, e.Object),
        };
    }

    /// <summary>The object in the version the client asked for (conversion between CRD versions is None).</summary>
    public static JsonObject Present(ResourceType type, JsonObject stored)
    {
        JsonObject copy = (JsonObject)stored.DeepClone();
        copy["apiVersion"] = type.GroupVersion;
        copy["kind"] = type.Kind;
        return copy;
    }

    private static Task WriteBookmarkAsync(HttpResponse response, ResourceType type, long revision, bool initialEnd, CancellationToken cancellationToken)
    {
        JsonObject meta = new() { ["resourceVersion"] = revision.ToString() };
        if (initialEnd)
        {
            meta["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        return WriteEventAsync(response, "BOOKMARK", new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.GroupVersion, ["metadata"] = meta }, cancellationToken);
    }

    private static async Task WriteEventAsync(HttpResponse response, string kind, JsonNode obj, CancellationToken cancellationToken)
    {
        string line = new JsonObject { ["type"] = kind, ["object"] = obj.DeepClone() }.ToJsonString(HttpIo.Json) + "\n";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
