using System.Collections.Concurrent;
using Honeydipper.Kubernetes.Runtime.Informers;
using Honeydipper.Kubernetes.Runtime.Resources;
using Honeydipper.Kubernetes.Runtime.Tests.Support;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Honeydipper.Kubernetes.Runtime.Tests.Informers;

/// <summary>The informer against the emulator: cache, indexes, events, resumed watches and relists on 410.</summary>
public sealed class InformerTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    private Informer<V1ConfigMap> NewInformer(string ns) =>
        new(new ResourceClient<V1ConfigMap>(fx.Client, ApiResource.For<V1ConfigMap>()), new InformerOptions { Namespace = ns }, TimeProvider.System, NullLogger.Instance);

    private Task<V1ConfigMap> CreateAsync(string ns, string name, string team = "a") =>
        fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["team"] = team } } }, ns);

    [Fact]
    public async Task The_cache_follows_the_server_and_handlers_hear_every_change()
    {
        string ns = fx.NewNamespace();
        await CreateAsync(ns, "before");
        Informer<V1ConfigMap> informer = NewInformer(ns);
        ConcurrentQueue<string> events = new();
        informer.AddHandler(e => events.Enqueue($"{e.Type} {e.Current.Metadata.Name}"));
        await using Background run = new(informer.RunAsync);
        await informer.WaitForSyncAsync(CancellationToken.None);
        Assert.NotNull(informer.Cache.Get(new ObjectKey(ns, "before")));

        V1ConfigMap after = await CreateAsync(ns, "after");
        after.Data = new Dictionary<string, string> { ["x"] = "1" };
        await fx.Client.CoreV1.ReplaceNamespacedConfigMapAsync(after, "after", ns);
        await fx.Client.CoreV1.DeleteNamespacedConfigMapAsync("before", ns);

        await Poll.UntilAsync(() => events.Count == 4, "four events");
        Assert.Equal(["Added before", "Added after", "Updated after", "Deleted before"], events);
        Assert.Equal("1", informer.Cache.Get(new ObjectKey(ns, "after"))!.Data["x"]);
        Assert.Null(informer.Cache.Get(new ObjectKey(ns, "before")));
    }

    [Fact]
    public async Task A_resync_period_announces_every_cached_object_again()
    {
        string ns = fx.NewNamespace();
        await CreateAsync(ns, "steady");
        Informer<V1ConfigMap> informer = new(new ResourceClient<V1ConfigMap>(fx.Client, ApiResource.For<V1ConfigMap>()), new InformerOptions { Namespace = ns, ResyncPeriod = TimeSpan.FromMilliseconds(100) }, TimeProvider.System, NullLogger.Instance);
        ConcurrentQueue<InformerEvent<V1ConfigMap>> events = new();
        informer.AddHandler(events.Enqueue);
        await using Background run = new(informer.RunAsync);
        await Poll.UntilAsync(() => events.Count(e => e.Type == InformerEventType.Updated) >= 2, "two resyncs");
        Assert.All(events.Where(e => e.Type == InformerEventType.Updated), e => Assert.Same(e.Current, e.Old));
        Assert.Equal(1, informer.ListCount);
    }

    [Fact]
    public async Task Indexes_answer_lookups_and_follow_changes()
    {
        string ns = fx.NewNamespace();
        await CreateAsync(ns, "x", "red");
        await CreateAsync(ns, "y", "red");
        Informer<V1ConfigMap> informer = NewInformer(ns);
        informer.Cache.AddIndex("team", c => c.Metadata.Labels?.TryGetValue("team", out string? t) == true ? [t] : []);
        await using Background run = new(informer.RunAsync);
        await informer.WaitForSyncAsync(CancellationToken.None);
        Assert.Equal(["x", "y"], informer.Cache.ByIndex("team", "red").Select(c => c.Metadata.Name).Order());

        V1ConfigMap y = await fx.Client.CoreV1.ReadNamespacedConfigMapAsync("y", ns);
        y.Metadata.Labels["team"] = "blue";
        await fx.Client.CoreV1.ReplaceNamespacedConfigMapAsync(y, "y", ns);
        await Poll.UntilAsync(() => informer.Cache.ByIndex("team", "blue").Count == 1, "y to move to the blue team");
        Assert.Equal(["x"], informer.Cache.ByIndex("team", "red").Select(c => c.Metadata.Name));
    }

    [Fact]
    public async Task A_dropped_watch_resumes_and_a_compacted_history_relists_with_the_missed_changes()
    {
        string ns = fx.NewNamespace();
        await CreateAsync(ns, "keep");
        await CreateAsync(ns, "goes");
        Informer<V1ConfigMap> informer = NewInformer(ns);
        ConcurrentQueue<string> events = new();
        informer.AddHandler(e => events.Enqueue($"{e.Type} {e.Current.Metadata.Name}"));
        await using Background run = new(informer.RunAsync);
        await informer.WaitForSyncAsync(CancellationToken.None);

        fx.Emulator.Faults.DropWatches();
        await CreateAsync(ns, "while-dropped");
        await Poll.UntilAsync(() => informer.Cache.Get(new ObjectKey(ns, "while-dropped")) is not null, "the informer to see a change made while its watch was dropped");

        // Changes, then compaction, then the watch breaks: resuming from its version must fail with 410 and relist.
        fx.Emulator.Faults.DelayResponses(TimeSpan.FromMilliseconds(300), r => r.Namespace == ns && r.Verb is "watch" or "list");
        long lists = informer.ListCount;
        fx.Emulator.Faults.DropWatches();
        await fx.Client.CoreV1.DeleteNamespacedConfigMapAsync("goes", ns);
        await CreateAsync(ns, "after-compaction");
        fx.Emulator.Faults.CompactHistory();
        fx.Emulator.Faults.ClearDelays();

        await Poll.UntilAsync(() => informer.ListCount > lists && informer.Cache.Get(new ObjectKey(ns, "after-compaction")) is not null && informer.Cache.Get(new ObjectKey(ns, "goes")) is null, "a relist that brings the cache up to date");
        Assert.Contains("Deleted goes", events);
        Assert.Contains("Added after-compaction", events);
        Assert.Equal(["after-compaction", "keep", "while-dropped"], informer.Cache.List().Select(c => c.Metadata.Name).Order());
    }
}
