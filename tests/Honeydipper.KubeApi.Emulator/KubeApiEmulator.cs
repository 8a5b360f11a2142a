using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Api;
using Honeydipper.KubeApi.Emulator.Controllers;
using Honeydipper.KubeApi.Emulator.Faults;
using Honeydipper.KubeApi.Emulator.Resources;
using Honeydipper.KubeApi.Emulator.Storage;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honeydipper.KubeApi.Emulator;

/// <summary>
/// A stateful Kubernetes API server on 127.0.0.1 for tests and for trying things by hand: a real
/// <see cref="k8s.Kubernetes"/> client and a real kubectl talk to it over HTTP. Start one per test class (or
/// per test) with <see cref="StartAsync"/>; dispose it to stop.
/// </summary>
public sealed class KubeApiEmulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly EmulatorContext ctx;
    private readonly ConcurrentQueue<RecordedRequest> log = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> controllers = [];
    private readonly ApiHandler handler;

    private KubeApiEmulator(EmulatorOptions options)
    {
        ctx = new EmulatorContext(new ResourceRegistry(), new ObjectStore(options.HistoryLimit), options.Time, options);
        Faults = new FaultInjector(ctx.Store);
        handler = new ApiHandler(ctx, Faults, log, () => BaseAddress.Authority, Reviews);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        app = builder.Build();
        app.Run(handler.HandleAsync);
    }

    /// <summary>http://127.0.0.1:{port}/</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Knobs to make requests fail or wait, drop watches and compact the watch history.</summary>
    public FaultInjector Faults { get; }

    /// <summary>The tokens TokenReview knows and the access SubjectAccessReview allows (none until a test sets them).</summary>
    public Reviews.AccessReviews Reviews { get; } = new();

    /// <summary>Every resource request served so far, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. log];

    public static async Task<KubeApiEmulator> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        KubeApiEmulator emulator = new(options ?? new EmulatorOptions());
        await emulator.app.StartAsync(cancellationToken).ConfigureAwait(false);
        string address = emulator.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        emulator.StartControllers();
        emulator.Seed();
        return emulator;
    }

    /// <summary>
    /// Client settings for this emulator. It trusts everyone, as a test server may; <paramref name="user"/> is sent as
    /// the bearer token and recorded as the user of every request (<see cref="RecordedRequest.User"/>), so that a test
    /// can tell one component's calls from another's (a service account: <c>system:serviceaccount:{ns}:{name}</c>).
    /// </summary>
    public KubernetesClientConfiguration ClientConfiguration(string? user = null) => new() { Host = BaseAddress.ToString().TrimEnd('/'), AccessToken = user };

    /// <summary>A real client pointed at the emulator, acting as <paramref name="user"/> when given; the caller disposes it.</summary>
    public Kubernetes CreateClient(string? user = null) => new(ClientConfiguration(user));

    /// <summary>
    /// Writes a kubeconfig whose current context points at the emulator (for kubectl, the operator and the CLI); its
    /// token is <paramref name="user"/>, which the emulator records as the user of each request.
    /// </summary>
    public string WriteKubeconfig(string path, string defaultNamespace = "default", string user = "emulator")
    {
        string server = BaseAddress.ToString().TrimEnd('/');
        string text = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: emulator
              cluster:
                server: {server}
            users:
            - name: emulator
              user:
                token: {user}
            contexts:
            - name: emulator
              context:
                cluster: emulator
                user: emulator
                namespace: {defaultNamespace}
            current-context: emulator

            """;
        // Written aside and moved into place, so whoever waits for the file never reads half of it.
        string partial = path + ".partial";
        File.WriteAllText(partial, text);
        File.Move(partial, path, overwrite: true);
        return path;
    }

    /// <summary>Creates a namespace directly (tests give each case its own).</summary>
    public void CreateNamespace(string name)
    {
        ResourceType type = ctx.Registry.Find("", "v1", "namespaces")!;
        handler.Writer.Create(type, "", new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } }, WriteOptions.Default);
    }

    /// <summary>Sets what a pod's container logged, as a kubelet would keep it (no kubelet runs here).</summary>
    public void SetPodLog(string ns, string pod, string container, string text) => handler.Logs.Set(ns, pod, container, text);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        ctx.Store.DropWatches();
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(controllers).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        stopping.Dispose();
    }

    private void StartControllers()
    {
        GarbageCollector gc = new(ctx, handler.Deleter);
        NamespaceController namespaces = new(ctx, handler.Deleter);
        WatchSubscription gcEvents = ctx.Store.Subscribe(null, null, ctx.Store.CurrentRevision);
        WatchSubscription nsEvents = ctx.Store.Subscribe(null, null, ctx.Store.CurrentRevision);
        controllers.Add(Task.Run(() => Run(gcEvents, gc.RunAsync)));
        controllers.Add(Task.Run(() => Run(nsEvents, namespaces.RunAsync)));
    }

    private async Task Run(WatchSubscription events, Func<WatchSubscription, CancellationToken, Task> loop)
    {
        using (events)
        {
            try
            {
                await loop(events, stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // emulator stopping
            }
        }
    }

    private void Seed()
    {
        foreach (string ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            CreateNamespace(ns);
        }
    }
}
