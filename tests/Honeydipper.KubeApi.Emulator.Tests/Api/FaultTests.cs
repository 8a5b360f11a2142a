using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Honeydipper.KubeApi.Emulator.Tests.Api;

/// <summary>Fault injection and the request log. Each test has its own emulator: faults are global to one.</summary>
public sealed class FaultTests : IAsyncLifetime
{
    private readonly EmulatorFixture fx = new();

    public Task InitializeAsync() => fx.InitializeAsync();

    public Task DisposeAsync() => fx.DisposeAsync();

    [Fact]
    public async Task FailNext_fails_exactly_the_next_matching_requests()
    {
        string ns = fx.NewNamespace();
        fx.Emulator.Faults.FailNext(2, 503, r => r.Resource == "configmaps" && r.Verb == "create");
        V1ConfigMap cm = new() { Metadata = new V1ObjectMeta { Name = "c" } };
        for (int i = 0; i < 2; i++)
        {
            HttpOperationException e = await Assert.ThrowsAsync<HttpOperationException>(() => fx.Client.CoreV1.CreateNamespacedConfigMapAsync(cm, ns));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, e.Response.StatusCode);
            Assert.Equal("ServiceUnavailable", JsonNode.Parse(e.Response.Content)!["reason"]!.GetValue<string>());
        }

        await fx.Client.CoreV1.ListNamespacedSecretAsync(ns);
        Assert.Equal("c", (await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(cm, ns)).Metadata.Name);
    }

    [Fact]
    public async Task DelayResponses_holds_matching_requests_back()
    {
        string ns = fx.NewNamespace();
        fx.Emulator.Faults.DelayResponses(TimeSpan.FromMilliseconds(300), r => r.Resource == "secrets");
        Stopwatch watch = Stopwatch.StartNew();
        await fx.Client.CoreV1.ListNamespacedSecretAsync(ns);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(300), $"answered after {watch.Elapsed}");
        fx.Emulator.Faults.ClearDelays();
    }

    [Fact]
    public async Task DropWatches_ends_open_watch_streams()
    {
        string ns = fx.NewNamespace();
        using WatchReader watch = await fx.Raw.WatchAsync($"/api/v1/namespaces/{ns}/configmaps?watch=1&resourceVersion=1", CancellationToken.None);
        fx.Emulator.Faults.DropWatches();
        Assert.Null(await watch.NextChangeAsync());
    }

    [Fact]
    public async Task Requests_are_recorded_with_their_RBAC_verb()
    {
        string ns = fx.NewNamespace();
        await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" } }, ns);
        await fx.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{}", V1Patch.PatchType.MergePatch), "c", ns);
        await fx.Client.CoreV1.ListNamespacedConfigMapAsync(ns);
        await fx.Client.CoreV1.DeleteNamespacedConfigMapAsync("c", ns);

        IEnumerable<string> seen = fx.Emulator.Requests.Where(r => r.Namespace == ns).Select(r => $"{r.Verb} {r.Resource}/{r.Name}");
        Assert.Equal(["create configmaps/", "patch configmaps/c", "list configmaps/", "delete configmaps/c"], seen);
    }
}
