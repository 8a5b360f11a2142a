using System.Diagnostics;
using Honeydipper.Kubernetes.Runtime.Controllers;
using Honeydipper.Kubernetes.Runtime.Informers;
using Honeydipper.Kubernetes.Runtime.Queues;
using Honeydipper.Kubernetes.Runtime.Resources;
using Honeydipper.Kubernetes.Runtime.Tests.Support;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Honeydipper.Kubernetes.Runtime.Tests.Controllers;

/// <summary>The controller loop against the emulator.</summary>
public sealed class ControllerTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    private Informer<T> NewInformer<T>(string ns)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(new ResourceClient<T>(fx.Client, ApiResource.For<T>()), new InformerOptions { Namespace = ns }, TimeProvider.System, NullLogger.Instance);

    private static Controller<V1ConfigMap> NewController(Informer<V1ConfigMap> informer, IReconciler<V1ConfigMap> reconciler, IRateLimiter<ObjectKey>? limiter = null, int workers = 2) =>
        new(informer, reconciler, new ControllerOptions { Name = "test", Workers = workers }, TimeProvider.System, NullLogger.Instance, limiter);

    [Fact]
    public async Task A_burst_of_1000_objects_is_reconciled_once_each()
    {
        string ns = fx.NewNamespace();
        Informer<V1ConfigMap> informer = NewInformer<V1ConfigMap>(ns);
        RecordingReconciler<V1ConfigMap> reconciler = new((_, _, _) => Task.FromResult(ReconcileResult.Done()));
        Controller<V1ConfigMap> controller = NewController(informer, reconciler, workers: 4);
        await using Background informing = new(informer.RunAsync);
        await using Background running = new(controller.RunAsync);
        await informer.WaitForSyncAsync(CancellationToken.None);

        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"burst-{i}" } }, ns, cancellationToken: ct));

        await Poll.UntilAsync(() => reconciler.Calls.Count == 1000, "every object to be reconciled", TimeSpan.FromSeconds(60));
        await Poll.UntilAsync(() => controller.Queue.Count == 0 && controller.Queue.Processing == 0, "the queue to drain");
        Assert.All(reconciler.Calls.Values, c => Assert.Equal(1, c));
    }

    [Fact]
    public async Task Changes_made_while_an_object_is_being_reconciled_coalesce_into_one_more_reconcile()
    {
        string ns = fx.NewNamespace();
        await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "busy" }, Data = new Dictionary<string, string> { ["n"] = "0" } }, ns);
        TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        RecordingReconciler<V1ConfigMap> reconciler = new(async (_, n, ct) =>
        {
            if (n == 1)
            {
                await release.Task.WaitAsync(ct);
            }

            return ReconcileResult.Done();
        });
        Informer<V1ConfigMap> informer = NewInformer<V1ConfigMap>(ns);
        Controller<V1ConfigMap> controller = NewController(informer, reconciler, workers: 4);
        await using Background informing = new(informer.RunAsync);
        await using Background running = new(controller.RunAsync);
        await Poll.UntilAsync(() => reconciler.Calls.Count == 1, "the first reconcile to start");

        for (int i = 1; i <= 20; i++)
        {
            V1ConfigMap cm = await fx.Client.CoreV1.ReadNamespacedConfigMapAsync("busy", ns);
            cm.Data["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await fx.Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "busy", ns);
        }

        await Poll.UntilAsync(() => informer.Cache.Get(new ObjectKey(ns, "busy"))?.Data["n"] == "20", "the informer to see the last change");
        release.SetResult();
        await Poll.UntilAsync(() => reconciler.Calls[new ObjectKey(ns, "busy")] == 2 && controller.Queue.Processing == 0 && controller.Queue.Count == 0, "one coalesced reconcile");
        Assert.Equal("20", reconciler.Log.Last().Seen!.Data["n"]);
        Assert.Equal(2, reconciler.Calls[new ObjectKey(ns, "busy")]);
    }

    [Fact]
    public async Task A_reconcile_that_throws_is_retried_with_growing_delays_until_it_succeeds()
    {
        string ns = fx.NewNamespace();
        RecordingLimiter limiter = new(new ExponentialBackoffRateLimiter<ObjectKey>(TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(5)));
        RecordingReconciler<V1ConfigMap> reconciler = new((_, n, _) => n <= 4 ? throw new InvalidOperationException($"failure {n}") : Task.FromResult(ReconcileResult.Done()));
        Informer<V1ConfigMap> informer = NewInformer<V1ConfigMap>(ns);
        Controller<V1ConfigMap> controller = NewController(informer, reconciler, limiter);
        await using Background informing = new(informer.RunAsync);
        await using Background running = new(controller.RunAsync);
        await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "flaky" } }, ns);

        ObjectKey key = new(ns, "flaky");
        await Poll.UntilAsync(() => reconciler.Calls.GetValueOrDefault(key) == 5, "the fifth, successful reconcile");
        Assert.Equal([20, 40, 80, 160], limiter.Delays.Select(d => (int)d.TotalMilliseconds));
        long[] at = [.. reconciler.Log.Where(l => l.Key == key).Select(l => l.At)];
        for (int i = 1; i < at.Length; i++)
        {
            // Timers may fire a millisecond or so early against the stopwatch; the backoff itself is what matters.
            TimeSpan gap = Stopwatch.GetElapsedTime(at[i - 1], at[i]);
            Assert.True(gap >= limiter.Delays[i - 1] - TimeSpan.FromMilliseconds(3), $"attempt {i + 1} came {gap} after the previous one, before its backoff of {limiter.Delays[i - 1]}");
        }

        await Poll.UntilAsync(() => controller.Queue.Failures(key) == 0, "success to forget the failures");
    }

    [Fact]
    public async Task Retry_backs_off_RequeueAfter_comes_back_and_Terminal_gives_up()
    {
        string ns = fx.NewNamespace();
        RecordingReconciler<V1ConfigMap> reconciler = new((r, n, _) => Task.FromResult(r.Key.Name switch
        {
            "retry" when n < 3 => ReconcileResult.Retry("not yet"),
            "requeue" when n < 3 => ReconcileResult.RequeueAfter(TimeSpan.FromMilliseconds(50)),
            "terminal" => ReconcileResult.Terminal("spec is wrong"),
            _ => ReconcileResult.Done(),
        }));
        Informer<V1ConfigMap> informer = NewInformer<V1ConfigMap>(ns);
        Controller<V1ConfigMap> controller = NewController(informer, reconciler);
        await using Background informing = new(informer.RunAsync);
        await using Background running = new(controller.RunAsync);
        foreach (string name in new[] { "retry", "requeue", "terminal" })
        {
            await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name } }, ns);
        }

        await Poll.UntilAsync(() => reconciler.Calls.GetValueOrDefault(new ObjectKey(ns, "retry")) == 3 && reconciler.Calls.GetValueOrDefault(new ObjectKey(ns, "requeue")) == 3, "retry and requeue to come back until done");
        await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "marker" } }, ns);
        await Poll.UntilAsync(() => reconciler.Calls.ContainsKey(new ObjectKey(ns, "marker")) && controller.Queue.Count == 0 && controller.Queue.Processing == 0, "the queue to settle");
        Assert.Equal(1, reconciler.Calls[new ObjectKey(ns, "terminal")]);
        Assert.Equal(0, controller.Queue.Failures(new ObjectKey(ns, "terminal")));
    }

    [Fact]
    public async Task A_reconcile_cut_short_by_a_stop_runs_again_in_the_next_term()
    {
        string ns = fx.NewNamespace();
        await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "slow" } }, ns);
        RecordingReconciler<V1ConfigMap> reconciler = new(async (_, n, ct) =>
        {
            if (n == 1)
            {
                await new TaskCompletionSource().Task.WaitAsync(ct);
            }

            return ReconcileResult.Done();
        });
        Informer<V1ConfigMap> informer = NewInformer<V1ConfigMap>(ns);
        Controller<V1ConfigMap> controller = NewController(informer, reconciler);
        await using Background informing = new(informer.RunAsync);
        Background firstTerm = new(controller.RunAsync);
        await Poll.UntilAsync(() => reconciler.Calls.Count == 1, "the first reconcile to start");
        await firstTerm.DisposeAsync();

        await using Background secondTerm = new(controller.RunAsync);
        await Poll.UntilAsync(() => reconciler.Calls.GetValueOrDefault(new ObjectKey(ns, "slow")) == 2, "the interrupted key to be reconciled again");
    }

    [Fact]
    public async Task Changes_to_owned_objects_reconcile_their_owner()
    {
        string ns = fx.NewNamespace();
        V1ConfigMap owner = await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner" } }, ns);
        RecordingReconciler<V1ConfigMap> reconciler = new((_, _, _) => Task.FromResult(ReconcileResult.Done()));
        Informer<V1ConfigMap> informer = NewInformer<V1ConfigMap>(ns);
        Informer<V1Secret> owned = NewInformer<V1Secret>(ns);
        Controller<V1ConfigMap> controller = NewController(informer, reconciler).Owns(owned);
        await using Background informing = new(informer.RunAsync);
        await using Background watchingOwned = new(owned.RunAsync);
        await using Background running = new(controller.RunAsync);
        await Poll.UntilAsync(() => reconciler.Calls.GetValueOrDefault(new ObjectKey(ns, "owner")) == 1, "the owner's first reconcile");

        V1OwnerReference reference = new() { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid, Controller = true };
        await fx.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "child", OwnerReferences = [reference] } }, ns);
        await fx.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "stranger" } }, ns);
        await Poll.UntilAsync(() => reconciler.Calls.GetValueOrDefault(new ObjectKey(ns, "owner")) == 2, "the owner to be reconciled for its child");
        Assert.False(reconciler.Calls.ContainsKey(new ObjectKey(ns, "stranger")));
        Assert.False(reconciler.Calls.ContainsKey(new ObjectKey(ns, "child")));
    }
}
