using System.Globalization;
using System.Text.Json;
using Honeydipper.Bus.Redis;
using Honeydipper.Core.Values;
using Honeydipper.KubeApi.Emulator;
using Honeydipper.Kubernetes.Resources;
using Honeydipper.Kubernetes.Resources.Generation;
using Honeydipper.Operator;
using k8s;
using Microsoft.Extensions.Logging;
using k8s.Autorest;
using k8s.Models;

namespace Honeydipper.Reliability.Tests.Faults;

/// <summary>
/// The operator's real host against an API server that fails one request in ten (any verb, any resource, the status
/// writes, the re-reads and the lease included) and drops every watch several times, while 1,000 objects are created
/// and a tenth of the Workflows change: all become Ready for their latest generation with the faults still on.
/// </summary>
public sealed class ReconcileUnderFaultsTests
{
    private const string Ns = "faults";
    private const int Count = 1_000;
    private const int Changed = Count / 20; // every tenth Workflow
    private static readonly double Rate = double.Parse(Environment.GetEnvironmentVariable("HD_FAULT_RATE") ?? "0.10", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_thousand_objects_all_become_Ready_while_a_tenth_of_requests_fail_and_watches_drop()
    {
        await using KubeApiEmulator emulator = await KubeApiEmulator.StartAsync();
        await using RedisServer redis = await RedisServer.StartAsync();
        await using RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration });
        using k8s.Kubernetes client = emulator.CreateClient();
        foreach (V1CustomResourceDefinition crd in CrdGenerator.GenerateAll())
        {
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        }

        emulator.CreateNamespace(Ns);
        await CreateAsync(client, "drivers", Manifest("Driver", "webhook", new() { ["type"] = "webhook" }));
        await CreateAsync(client, "drivers", Manifest("Driver", "worker", new() { ["image"] = "example/worker:1" }));

        // Seeded, so a failure reproduces the same sequence of refusals.
        Random dice = new(1125);
        bool faulting = true;
        emulator.Faults.FailNext(int.MaxValue, 500, when: _ =>
        {
            lock (dice)
            {
                return Volatile.Read(ref faulting) && dice.NextDouble() < Rate;
            }
        });

        using LogLines log = new();
        using Microsoft.Extensions.Logging.ILoggerFactory loggers = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(log));
        await using OperatorHost host = new(client, bus, new OperatorOptions
        {
            LoggerFactory = loggers,
            Identity = "op",
            LeaseNamespace = Ns,
            DriverRedis = "redis.example:6379",
            DriverImage = "example/honeydipper:test",
            HealthListen = "127.0.0.1:0",
            StatusInterval = TimeSpan.FromMilliseconds(200),
            LeaseDuration = TimeSpan.FromSeconds(4),
            RenewDeadline = TimeSpan.FromSeconds(3),
            RetryPeriod = TimeSpan.FromMilliseconds(250),
        });
        using CancellationTokenSource stop = new();
        Task running = Task.Run(() => host.RunAsync(stop.Token));
        try
        {
            int created = 0;
            foreach ((string plural, Dictionary<string, object?> manifest) in Objects())
            {
                await CreateAsync(client, plural, manifest);
                if (++created % 250 == 0)
                {
                    emulator.Faults.DropWatches(); // mid-stream, four times over
                }
            }

            // While the first statuses are written, a tenth of the Workflows change: theirs must end at generation 2.
            for (int i = 0; i < Count / 2; i += 10)
            {
                await ChangeAsync(client, $"w-{i.ToString(CultureInfo.InvariantCulture)}");
            }

            int ready = 0;
            bool droppedWhileConverging = false;
            System.Diagnostics.Stopwatch sinceCount = System.Diagnostics.Stopwatch.StartNew();
            await Poll.UntilAsync(async () =>
            {
                Assert.False(running.IsCompleted, $"the operator stopped under faults: {running.Exception}");
                if (sinceCount.Elapsed < TimeSpan.FromMilliseconds(250))
                {
                    return false; // listing 1,000 objects costs the two cores the operator needs: not every tick
                }

                sinceCount.Restart();
                try
                {
                    ready = await CountReadyAsync(client, "rules") + await CountReadyAsync(client, "workflows");
                }
                catch (HttpOperationException)
                {
                    return false; // our own reads are refused one time in ten as well
                }

                if (ready > Count / 2 && ready < Count && !droppedWhileConverging)
                {
                    droppedWhileConverging = true;
                    emulator.Faults.DropWatches(); // once more, halfway to converged
                }

                return ready == Count;
            }, $"all {Count} objects to be Ready for their generation while the faults go on", TimeSpan.FromSeconds(120))
                .ContinueWith(t => t.IsFaulted ? throw new TimeoutException($"{ready} Ready; the operator logged last:\n{log.Last(80)}", t.Exception) : t, TaskScheduler.Default).Unwrap();
            Assert.True(Volatile.Read(ref faulting), "the faults were on until the end");
            Volatile.Write(ref faulting, false);
            Assert.Equal(Count, await CountReadyAsync(client, "rules") + await CountReadyAsync(client, "workflows"));
            Assert.Equal(Changed, await CountAtGenerationAsync(client, "workflows", 2));
            Assert.False(running.IsCompleted, "the operator stopped under faults");
        }
        finally
        {
            Volatile.Write(ref faulting, false);
            await stop.CancelAsync();
            try
            {
                await running;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static IEnumerable<(string Plural, Dictionary<string, object?> Manifest)> Objects()
    {
        for (int i = 0; i < Count / 2; i++)
        {
            string n = i.ToString(CultureInfo.InvariantCulture);
            yield return ("workflows", Manifest("Workflow", $"w-{n}", new()
            {
                ["steps"] = new List<object?> { new Dictionary<string, object?> { ["call_driver"] = "worker.do", ["with"] = new Dictionary<string, object?> { ["n"] = n } } },
            }));
            yield return ("rules", Manifest("Rule", $"r-{n}", new()
            {
                ["when"] = new Dictionary<string, object?> { ["driver"] = "webhook", ["if_match"] = new Dictionary<string, object?> { ["url"] = $"/hook/{n}" } },
                ["do"] = new Dictionary<string, object?> { ["call_workflow"] = $"w-{n}" },
            }));
        }
    }

    private static Dictionary<string, object?> Manifest(string kind, string name, Dictionary<string, object?> spec) => new()
    {
        ["apiVersion"] = HoneydipperApi.ApiVersion,
        ["kind"] = kind,
        ["metadata"] = new Dictionary<string, object?> { ["name"] = name, ["namespace"] = Ns },
        ["spec"] = spec,
    };

    /// <summary>Creates an object as a GitOps tool applies it: retried when the server fails, done when it exists.</summary>
    private static async Task CreateAsync(k8s.Kubernetes client, string plural, Dictionary<string, object?> manifest)
    {
        JsonElement body = JsonSerializer.Deserialize<JsonElement>(GoJson.Serialize(manifest));
        await Poll.UntilAsync(async () =>
        {
            try
            {
                await client.CustomObjects.CreateNamespacedCustomObjectAsync(body, HoneydipperApi.Group, HoneydipperApi.Version, Ns, plural);
                return true;
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                return true;
            }
            catch (HttpOperationException ex) when ((int)ex.Response.StatusCode >= 500)
            {
                return false;
            }
        }, $"{manifest["kind"]} to be created");
    }

    /// <summary>Changes a Workflow's spec (a new generation) as a person would, trying again when the server fails.</summary>
    private static async Task ChangeAsync(k8s.Kubernetes client, string name)
    {
        V1Patch patch = new("{\"spec\":{\"description\":\"changed while the operator is busy\"}}", V1Patch.PatchType.MergePatch);
        await Poll.UntilAsync(async () =>
        {
            try
            {
                await client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, HoneydipperApi.Group, HoneydipperApi.Version, Ns, "workflows", name);
                return true;
            }
            catch (HttpOperationException ex) when ((int)ex.Response.StatusCode >= 500)
            {
                return false;
            }
        }, $"Workflow {name} to be changed");
    }

    /// <summary>Objects whose Ready condition is True for their current generation, in the condition and in status.observedGeneration.</summary>
    private static async Task<int> CountReadyAsync(k8s.Kubernetes client, string plural)
    {
        JsonElement list = await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonElement>(HoneydipperApi.Group, HoneydipperApi.Version, Ns, plural);
        return list.GetProperty("items").EnumerateArray().Count(o =>
        {
            long generation = o.GetProperty("metadata").GetProperty("generation").GetInt64();
            return o.TryGetProperty("status", out JsonElement status) && status.TryGetProperty("conditions", out JsonElement conditions)
                && status.TryGetProperty("observedGeneration", out JsonElement observed) && observed.GetInt64() == generation
                && conditions.ValueKind == JsonValueKind.Array
                && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True"
                    && c.TryGetProperty("observedGeneration", out JsonElement conditionGeneration) && conditionGeneration.GetInt64() == generation);
        });
    }

    private static async Task<int> CountAtGenerationAsync(k8s.Kubernetes client, string plural, long generation)
    {
        JsonElement list = await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonElement>(HoneydipperApi.Group, HoneydipperApi.Version, Ns, plural);
        return list.GetProperty("items").EnumerateArray().Count(o => o.GetProperty("metadata").GetProperty("generation").GetInt64() == generation);
    }
}
