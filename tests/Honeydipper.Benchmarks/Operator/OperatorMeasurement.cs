using System.Diagnostics;
using Honeydipper.Benchmarks.Harness;
using Honeydipper.Bus.Redis;
using Honeydipper.KubeApi.Emulator;
using Honeydipper.Kubernetes.Resources.Generation;
using Honeydipper.Operator;
using Honeydipper.Testing;
using k8s;
using k8s.Models;

namespace Honeydipper.Benchmarks.Operator;

/// <summary>
/// The operator's real host (KubernetesClient, lease, Redis bus) against the Kubernetes API emulator: 1,000 Rule and
/// Workflow objects created (8 at a time, as a GitOps tool applies) until every one reports Ready.
/// </summary>
public sealed class OperatorMeasurement : IMeasurement
{
    public string Name => "operator";

    public async Task<IReadOnlyList<Figure>> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        const int Count = 1_000;
        const string Ns = "bench";
        await using KubeApiEmulator emulator = await KubeApiEmulator.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await using RedisServer redis = await RedisServer.StartAsync().ConfigureAwait(false);
        await using RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration }).ConfigureAwait(false);
        using k8s.Kubernetes client = emulator.CreateClient();
        foreach (V1CustomResourceDefinition crd in CrdGenerator.GenerateAll())
        {
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        emulator.CreateNamespace(Ns);
        await ClusterObjects.CreateAsync(client, Ns, "drivers", ClusterObjects.Manifest(Ns, "Driver", "webhook", new() { ["type"] = "webhook" }), cancellationToken).ConfigureAwait(false);
        await ClusterObjects.CreateAsync(client, Ns, "drivers", ClusterObjects.Manifest(Ns, "Driver", "worker", new() { ["image"] = "example/worker:1" }), cancellationToken).ConfigureAwait(false);

        await using OperatorHost host = new(client, bus, new OperatorOptions
        {
            Identity = "bench",
            LeaseNamespace = Ns,
            DriverRedis = "redis.example:6379",
            DriverImage = "example/honeydipper:bench",
            HealthListen = "127.0.0.1:0",
        });
        using CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task running = Task.Run(() => host.RunAsync(stop.Token), CancellationToken.None);

        Stopwatch clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ClusterObjects.RulesAndWorkflows(Ns, Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (o, ct) => await ClusterObjects.CreateAsync(client, Ns, o.Plural, o.Manifest, ct).ConfigureAwait(false)).ConfigureAwait(false);
        double applied = clock.Elapsed.TotalSeconds;
        int ready = 0;
        await Poll.UntilAsync(async () =>
        {
            ready = await ClusterObjects.CountReadyAsync(client, Ns, "rules").ConfigureAwait(false) + await ClusterObjects.CountReadyAsync(client, Ns, "workflows").ConfigureAwait(false);
            return ready == Count;
        }, $"{Count} objects to be Ready", TimeSpan.FromMinutes(3)).ConfigureAwait(false);
        double allReady = clock.Elapsed.TotalSeconds;

        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return
        [
            new Figure("operator_1000_applied_s", Math.Round(applied, 2), "s", "1,000 Rule/Workflow objects created through the API emulator (8 at a time)"),
            new Figure("operator_1000_ready_s", Math.Round(allReady, 2), "s", "from the first create until all 1,000 are Ready (target < 10 s)"),
        ];
    }
}
