using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Tests.Support;
using k8s;
using k8s.Models;

namespace Honeydipper.KubeApi.Emulator.Tests.Api;

/// <summary>Watch streams: starting points, framing, selectors, bookmarks, 410 Gone, timeouts and dropped watches.</summary>
public sealed class WatchTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    private static string Type(JsonObject? e) => e?["type"]?.GetValue<string>() ?? "<end>";

    private static string Name(JsonObject? e) => e?["object"]?["metadata"]?["name"]?.GetValue<string>() ?? "";

    private Task<V1ConfigMap> CreateAsync(string ns, string name, Dictionary<string, string>? labels = null) =>
        fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, Labels = labels } }, ns);

    [Fact]
    public async Task A_watch_from_a_resourceVersion_sees_every_later_change_in_order()
    {
        string ns = fx.NewNamespace();
        V1ConfigMap first = await CreateAsync(ns, "before");
        await CreateAsync(ns, "after");
        await fx.Client.CoreV1.DeleteNamespacedConfigMapAsync("before", ns);

        using WatchReader watch = await fx.Raw.WatchAsync($"/api/v1/namespaces/{ns}/configmaps?watch=1&resourceVersion={first.Metadata.ResourceVersion}", CancellationToken.None);
        Assert.Equal(200, watch.StatusCode);
        JsonObject? added = await watch.NextChangeAsync();
        JsonObject? deleted = await watch.NextChangeAsync();
        Assert.Equal(("ADDED", "after"), (Type(added), Name(added)));
        Assert.Equal(("DELETED", "before"), (Type(deleted), Name(deleted)));
        Assert.Equal("ConfigMap", added!["object"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_watch_without_resourceVersion_starts_with_the_current_state()
    {
        string ns = fx.NewNamespace();
        await CreateAsync(ns, "existing");
        using WatchReader watch = await fx.Raw.WatchAsync($"/api/v1/namespaces/{ns}/configmaps?watch=true", CancellationToken.None);
        JsonObject? first = await watch.NextChangeAsync();
        Assert.Equal(("ADDED", "existing"), (Type(first), Name(first)));
        await CreateAsync(ns, "new");
        JsonObject? second = await watch.NextChangeAsync();
        Assert.Equal(("ADDED", "new"), (Type(second), Name(second)));
    }

    [Fact]
    public async Task Objects_moving_in_and_out_of_a_label_selector_are_added_and_deleted()
    {
        string ns = fx.NewNamespace();
        V1ConfigMap cm = await CreateAsync(ns, "c", new Dictionary<string, string> { ["pick"] = "no" });
        using WatchReader watch = await fx.Raw.WatchAsync($"/api/v1/namespaces/{ns}/configmaps?watch=1&labelSelector=pick%3Dyes&resourceVersion={cm.Metadata.ResourceVersion}", CancellationToken.None);

        cm.Metadata.Labels["pick"] = "yes";
        cm = await fx.Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "c", ns);
        cm.Metadata.Labels["pick"] = "no";
        await fx.Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "c", ns);

        Assert.Equal("ADDED", Type(await watch.NextChangeAsync()));
        Assert.Equal("DELETED", Type(await watch.NextChangeAsync()));
    }

    [Fact]
    public async Task Bookmarks_carry_the_current_resourceVersion()
    {
        string ns = fx.NewNamespace();
        V1ConfigMap cm = await CreateAsync(ns, "c");
        using WatchReader watch = await fx.Raw.WatchAsync($"/api/v1/namespaces/{ns}/configmaps?watch=1&allowWatchBookmarks=true&resourceVersion={cm.Metadata.ResourceVersion}", CancellationToken.None);
        await CreateAsync(fx.NewNamespace(), "elsewhere");
        JsonObject? bookmark = await watch.NextAsync();
        Assert.Equal("BOOKMARK", Type(bookmark));
        Assert.True(long.Parse(bookmark!["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>()) > long.Parse(cm.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task A_compacted_resourceVersion_gets_an_ERROR_event_with_410_Expired()
    {
        string ns = fx.NewNamespace();
        V1ConfigMap cm = await CreateAsync(ns, "c");
        await CreateAsync(ns, "d");
        fx.Emulator.Faults.CompactHistory();
        using WatchReader watch = await fx.Raw.WatchAsync($"/api/v1/namespaces/{ns}/configmaps?watch=1&resourceVersion={cm.Metadata.ResourceVersion}", CancellationToken.None);
        JsonObject? error = await watch.NextAsync();
        Assert.Equal("ERROR", Type(error));
        Assert.Equal(410, error!["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", error["object"]!["reason"]!.GetValue<string>());
        Assert.StartsWith("too old resource version: ", error["object"]!["message"]!.GetValue<string>());
        Assert.Null(await watch.NextAsync());
    }

    [Fact]
    public async Task SendInitialEvents_ends_the_replayed_state_with_an_annotated_bookmark()
    {
        string ns = fx.NewNamespace();
        await CreateAsync(ns, "one");
        await CreateAsync(ns, "two");
        using WatchReader watch = await fx.Raw.WatchAsync($"/api/v1/namespaces/{ns}/configmaps?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true", CancellationToken.None);
        JsonObject? first = await watch.NextAsync();
        Assert.Equal(("ADDED", "one"), (Type(first), Name(first)));
        Assert.Equal("ADDED", Type(await watch.NextAsync()));
        JsonObject? end = await watch.NextAsync();
        Assert.Equal("BOOKMARK", Type(end));
        Assert.Equal("true", end!["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.GetValue<string>());
    }

    [Fact]
    public async Task TimeoutSeconds_ends_the_stream()
    {
        string ns = fx.NewNamespace();
        using WatchReader watch = await fx.Raw.WatchAsync($"/api/v1/namespaces/{ns}/configmaps?watch=1&timeoutSeconds=1", CancellationToken.None);
        Assert.Null(await watch.NextChangeAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task The_real_client_watches_and_sees_410_as_an_error()
    {
        string ns = fx.NewNamespace();
        V1ConfigMap cm = await CreateAsync(ns, "c");
        List<(WatchEventType, string)> seen = [];
        using CancellationTokenSource cts = new(TimeSpan.FromSeconds(20));
        Task<k8s.Autorest.HttpOperationResponse<V1ConfigMapList>> response = fx.Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync(ns, watch: true, resourceVersion: cm.Metadata.ResourceVersion, cancellationToken: cts.Token);
        await CreateAsync(ns, "d");
#pragma warning disable CS0618 // the client's generic watch helper
        await foreach ((WatchEventType type, V1ConfigMap obj) in response.WatchAsync<V1ConfigMap, V1ConfigMapList>(cancellationToken: cts.Token))
#pragma warning restore CS0618
        {
            seen.Add((type, obj.Metadata.Name));
            break;
        }

        Assert.Equal([(WatchEventType.Added, "d")], seen);

        fx.Emulator.Faults.CompactHistory();
        List<Exception> errors = [];
        Task<k8s.Autorest.HttpOperationResponse<V1ConfigMapList>> stale = fx.Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync(ns, watch: true, resourceVersion: cm.Metadata.ResourceVersion, cancellationToken: cts.Token);
#pragma warning disable CS0618
        await foreach ((WatchEventType _, V1ConfigMap _) in stale.WatchAsync<V1ConfigMap, V1ConfigMapList>(errors.Add, cts.Token))
#pragma warning restore CS0618
        {
            Assert.Fail("no event expected from a compacted version");
        }

        KubernetesException expired = Assert.IsType<KubernetesException>(Assert.Single(errors));
        Assert.Equal(410, expired.Status.Code);
    }
}
