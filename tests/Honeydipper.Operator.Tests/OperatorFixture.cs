using System.Text.Json;
using Honeydipper.Bus.Redis;
using Honeydipper.Core.Values;
using Honeydipper.Core.Yaml;
using Honeydipper.KubeApi.Emulator;
using Honeydipper.Kubernetes.Resources;
using Honeydipper.Kubernetes.Resources.Generation;
using k8s;
using k8s.Models;

namespace Honeydipper.Operator.Tests;

/// <summary>
/// A cluster (the Kubernetes API emulator, with our CRDs applied), a real Redis, and operator replicas started on
/// them as the process would run: real KubernetesClient, real bus, real lease. The operator calls the API as its
/// service account and holds its lease in its own namespace, as installed from config/rbac; when the fixture is
/// disposed, every call it made must be granted by config/rbac (<see cref="OperatorRbac"/>), so a test that makes the
/// operator do something new also tells which rule it needs.
/// </summary>
internal sealed class OperatorFixture : IAsyncDisposable
{
    /// <summary>The operator's namespace in config/rbac: its service account and leader Lease live there.</summary>
    public const string OperatorNamespace = "honeydipper-system";

    public const string OperatorUser = $"system:serviceaccount:{OperatorNamespace}:honeydipper-operator";

    private readonly List<(OperatorHost Host, CancellationTokenSource Stop, Task Running)> _operators = [];

    private OperatorFixture(KubeApiEmulator emulator, RedisServer redis, RedisMessageBus bus, string ns)
    {
        Emulator = emulator;
        Redis = redis;
        Bus = bus;
        Namespace = ns;
        Client = emulator.CreateClient();
        OperatorClient = emulator.CreateClient(OperatorUser);
    }

    public KubeApiEmulator Emulator { get; }

    public RedisServer Redis { get; }

    public RedisMessageBus Bus { get; }

    /// <summary>The test's own client: an administrator, as a person applying manifests.</summary>
    public k8s.Kubernetes Client { get; }

    /// <summary>The operator's client: its service account.</summary>
    public k8s.Kubernetes OperatorClient { get; }

    /// <summary>Every call the operator replicas made so far (and the checks admission made for them).</summary>
    public IEnumerable<RecordedRequest> OperatorRequests => Emulator.Requests.Where(r => r.User == OperatorUser);

    public string Namespace { get; }

    public static async Task<OperatorFixture> StartAsync(string ns = "demo")
    {
        KubeApiEmulator emulator = await KubeApiEmulator.StartAsync();
        RedisServer redis = await RedisServer.StartAsync();
        RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = redis.Configuration });
        OperatorFixture fixture = new(emulator, redis, bus, ns);
        foreach (V1CustomResourceDefinition crd in CrdGenerator.GenerateAll())
        {
            await fixture.Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        }

        emulator.CreateNamespace(OperatorNamespace);
        emulator.CreateNamespace(ns);
        return fixture;
    }

    /// <summary>Starts a replica as its pod would run it: a Pod named after its identity in the operator's namespace.</summary>
    public OperatorHost StartOperator(string identity, OperatorOptions? options = null)
    {
        try
        {
            Client.CoreV1.CreateNamespacedPod(new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = identity, Labels = new Dictionary<string, string> { ["app.kubernetes.io/component"] = "operator" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "operator", Image = "example/honeydipper:test" }] },
            }, OperatorNamespace);
        }
        catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // the same replica started again: its pod is there
        }

        OperatorHost host = new(OperatorClient, Bus, (options ?? new OperatorOptions()) with
        {
            Identity = identity,
            Pod = (OperatorNamespace, identity),
            LeaseNamespace = OperatorNamespace,
            DriverRedis = "redis.example:6379",
            DriverImage = "example/honeydipper:test",
            HealthListen = "127.0.0.1:0",
            StatusInterval = TimeSpan.FromMilliseconds(200),
            ConfigResync = options is { ConfigResync: var resync } && resync != new OperatorOptions().ConfigResync ? resync : TimeSpan.FromSeconds(2),
            LeaseDuration = TimeSpan.FromSeconds(4),
            RenewDeadline = TimeSpan.FromSeconds(3),
            RetryPeriod = TimeSpan.FromMilliseconds(250),
            ClaimIdleAfter = TimeSpan.FromSeconds(2),
        });
        CancellationTokenSource stop = new();
        _operators.Add((host, stop, Task.Run(() => host.RunAsync(stop.Token))));
        return host;
    }

    /// <summary>Stops a replica as SIGTERM would: the lease is handed back, engines save their last turn.</summary>
    public async Task StopOperatorAsync(OperatorHost host)
    {
        (OperatorHost Host, CancellationTokenSource Stop, Task Running) entry = _operators.Single(o => o.Host == host);
        _operators.Remove(entry);
        await entry.Stop.CancelAsync();
        await entry.Running;
        await host.DisposeAsync();
        entry.Stop.Dispose();
    }

    /// <summary>Creates the objects of a YAML stream (as <c>kubectl create -f</c>) in the fixture's namespace.</summary>
    public async Task ApplyAsync(string yaml)
    {
        foreach (IDictionary<string, object?> doc in GoYaml.ParseAll(yaml, "test.yaml").OfType<IDictionary<string, object?>>())
        {
            await CreateAsync(doc);
        }
    }

    public async Task CreateAsync(IDictionary<string, object?> manifest)
    {
        manifest.TryAdd("apiVersion", HoneydipperApi.ApiVersion);
        JsonElement body = JsonSerializer.Deserialize<JsonElement>(GoJson.Serialize(manifest));
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(body, HoneydipperApi.Group, HoneydipperApi.Version, Namespace, Plural((string)manifest["kind"]!));
    }

    public static string Plural(string kind) => kind switch
    {
        "System" => "systems",
        "Rule" => "rules",
        "Workflow" => "workflows",
        "Context" => "contexts",
        "Driver" => "drivers",
        "WorkflowRun" => "workflowruns",
        "ConfigRepo" => "configrepos",
        _ => throw new ArgumentException($"not one of our kinds: {kind}", nameof(kind)),
    };

    public async ValueTask DisposeAsync()
    {
        List<RecordedRequest> calls;
        try
        {
            foreach ((OperatorHost host, CancellationTokenSource stop, Task running) in _operators)
            {
                await stop.CancelAsync();
                try
                {
                    await running;
                }
                catch (OperationCanceledException)
                {
                }
                finally
                {
                    await host.DisposeAsync();
                    stop.Dispose();
                }
            }
        }
        finally
        {
            // Whatever the operators did on the way out, the Redis server and the emulator go (a leaked redis-server
            // would outlive the test run).
            calls = [.. OperatorRequests];
            Client.Dispose();
            OperatorClient.Dispose();
            await Bus.DisposeAsync();
            await Redis.DisposeAsync();
            await Emulator.DisposeAsync();
        }

        OperatorRbac.AssertGranted(calls);
    }
}
