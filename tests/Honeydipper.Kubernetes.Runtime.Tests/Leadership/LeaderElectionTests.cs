using System.Collections.Concurrent;
using System.Diagnostics;
using Honeydipper.Kubernetes.Runtime.Controllers;
using Honeydipper.Kubernetes.Runtime.Informers;
using Honeydipper.Kubernetes.Runtime.Leadership;
using Honeydipper.Kubernetes.Runtime.Resources;
using Honeydipper.Kubernetes.Runtime.Tests.Controllers;
using Honeydipper.Kubernetes.Runtime.Tests.Support;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Honeydipper.Kubernetes.Runtime.Tests.Leadership;

/// <summary>Two runtime instances sharing a Lease: one writes at a time, and a dead leader is replaced in time.</summary>
public sealed class LeaderElectionTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(250);

    /// <summary>One operator replica: an informer always (a warm standby), a controller that writes only while leading.</summary>
    private sealed class Instance : IAsyncDisposable
    {
        private readonly Background informing;
        private readonly Background electing;

        public Instance(EmulatorFixture fx, string ns, string identity, ConcurrentQueue<(string Who, string Object)> writes, bool releaseOnCancel)
        {
            Identity = identity;
            Informer<V1ConfigMap> informer = new(new ResourceClient<V1ConfigMap>(fx.Client, ApiResource.For<V1ConfigMap>()), new InformerOptions { Namespace = ns, LabelSelector = "item=true" }, TimeProvider.System, NullLogger.Instance);
            RecordingReconciler<V1ConfigMap> reconciler = new(async (request, _, ct) =>
            {
                // The write: stamp the object with who reconciled it, and log the write for the test.
                writes.Enqueue((identity, request.Key.Name));
                string patch = "{\"metadata\":{\"annotations\":{\"reconciled-by\":\"" + identity + "\"}}}";
                await fx.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), request.Key.Name, ns, cancellationToken: ct);
                return ReconcileResult.Done();
            });
            Controller<V1ConfigMap> controller = new(informer, reconciler, new ControllerOptions { Name = identity }, TimeProvider.System, NullLogger.Instance);
            Election = new LeaderElection(fx.Client, new LeaderElectionOptions(ns, "operator", identity) { LeaseDuration = Lease, RenewDeadline = TimeSpan.FromSeconds(2), RetryPeriod = Retry, ReleaseOnCancel = releaseOnCancel }, NullLogger.Instance);
            informing = new Background(informer.RunAsync);
            electing = new Background(ct => Election.RunAsync(controller.RunAsync, ct));
        }

        public string Identity { get; }

        public LeaderElection Election { get; }

        /// <summary>Stops the instance's election loop and its writers (a crash when the lease is not released).</summary>
        public Task KillAsync() => electing.StopAsync();

        public async ValueTask DisposeAsync()
        {
            await electing.DisposeAsync();
            await informing.DisposeAsync();
        }
    }

    private Task<V1ConfigMap> CreateItemAsync(string ns, string name) =>
        fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["item"] = "true" } } }, ns);

    [Fact]
    public Task Only_the_leader_writes_and_a_stopped_leader_hands_over_within_the_lease_duration() =>
        HandOverAsync(releaseOnCancel: true, limit: Lease);

    /// <summary>
    /// Without a release the standby waits for the lease to expire, counted from when it last saw the lease renewed;
    /// the client's elector polls every retry period with up to 2.4x jitter, which bounds the overshoot (plus a
    /// second for a loaded two-core CI machine).
    /// </summary>
    [Fact]
    public Task A_crashed_leader_is_replaced_once_its_lease_expires() =>
        HandOverAsync(releaseOnCancel: false, limit: Lease + (2 * 2.4 * Retry) + TimeSpan.FromSeconds(1));

    private async Task HandOverAsync(bool releaseOnCancel, TimeSpan limit)
    {
        string ns = fx.NewNamespace();
        ConcurrentQueue<(string Who, string Object)> writes = new();
        await using Instance a = new(fx, ns, "replica-a", writes, releaseOnCancel);
        await using Instance b = new(fx, ns, "replica-b", writes, releaseOnCancel);
        await Poll.UntilAsync(() => a.Election.IsLeader || b.Election.IsLeader, "a leader");
        (Instance leader, Instance standby) = a.Election.IsLeader ? (a, b) : (b, a);
        Assert.False(standby.Election.IsLeader);

        for (int i = 0; i < 5; i++)
        {
            await CreateItemAsync(ns, $"first-{i}");
        }

        await Poll.UntilAsync(() => writes.Count(w => w.Object.StartsWith("first-", StringComparison.Ordinal)) >= 5, "the leader to reconcile the first items");
        Assert.All(writes, w => Assert.Equal(leader.Identity, w.Who));

        V1Lease lease = await fx.Client.CoordinationV1.ReadNamespacedLeaseAsync("operator", ns);
        Assert.Equal(leader.Identity, lease.Spec.HolderIdentity);

        int writesBeforeKill = writes.Count;
        Stopwatch sinceKill = Stopwatch.StartNew();
        await leader.KillAsync();
        int writesByDeadLeader = writes.Count(w => w.Who == leader.Identity);
        await Poll.UntilAsync(() => standby.Election.IsLeader, "the standby to take over", TimeSpan.FromSeconds(15));
        TimeSpan handover = sinceKill.Elapsed;
        Assert.True(handover <= limit, $"handover took {handover}, more than {limit} (lease {Lease})");

        for (int i = 0; i < 5; i++)
        {
            await CreateItemAsync(ns, $"second-{i}");
        }

        await Poll.UntilAsync(() => writes.Count(w => w.Object.StartsWith("second-", StringComparison.Ordinal)) >= 5, "the new leader to reconcile the new items");
        Assert.Equal(writesByDeadLeader, writes.Count(w => w.Who == leader.Identity));
        Assert.True(writes.Count > writesBeforeKill);

        // One writer at a time: the log is one run of the first leader followed by one run of the second.
        string[] order = [.. writes.Select(w => w.Who)];
        int switches = order.Zip(order.Skip(1)).Count(p => p.First != p.Second);
        Assert.Equal(1, switches);
        Assert.Equal(standby.Identity, (await fx.Client.CoordinationV1.ReadNamespacedLeaseAsync("operator", ns)).Spec.HolderIdentity);
        V1ConfigMap second = await fx.Client.CoreV1.ReadNamespacedConfigMapAsync("second-0", ns);
        Assert.Equal(standby.Identity, second.Metadata.Annotations["reconciled-by"]);
    }
}
