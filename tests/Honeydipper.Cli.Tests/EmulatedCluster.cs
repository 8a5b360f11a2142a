using System.Text.Json;
using Honeydipper.KubeApi.Emulator;
using Honeydipper.Kubernetes.Resources.Generation;
using Honeydipper.Kubernetes.Resources.WorkflowRuns;
using Honeydipper.Kubernetes.Runtime.Resources;
using k8s;
using k8s.Models;

namespace Honeydipper.Cli.Tests;

/// <summary>
/// The Kubernetes API emulator with our CRDs, a namespace of the test's own, and a kubeconfig file whose current
/// context points at it with that namespace: what the CLI's cluster mode reads, with no operator running.
/// </summary>
internal sealed class EmulatedCluster : IAsyncDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hd-cli-cluster-").FullName;

    private EmulatedCluster(KubeApiEmulator emulator, string ns)
    {
        Emulator = emulator;
        Namespace = ns;
        Client = emulator.CreateClient("test-admin");
        Runs = new ResourceClient<WorkflowRun>(Client, ApiResource.For<WorkflowRun>());
        Kubeconfig = emulator.WriteKubeconfig(Path.Combine(_dir, "kubeconfig"), ns, "cli-user");
    }

    public KubeApiEmulator Emulator { get; }

    public string Namespace { get; }

    public k8s.Kubernetes Client { get; }

    public ResourceClient<WorkflowRun> Runs { get; }

    /// <summary>A kubeconfig file: server the emulator, token cli-user, namespace <see cref="Namespace"/>.</summary>
    public string Kubeconfig { get; }

    public string Dir => _dir;

    public static async Task<EmulatedCluster> StartAsync(string ns, bool crds = true)
    {
        KubeApiEmulator emulator = await KubeApiEmulator.StartAsync();
        EmulatedCluster cluster = new(emulator, ns);
        if (crds)
        {
            foreach (V1CustomResourceDefinition crd in CrdGenerator.GenerateAll())
            {
                await cluster.Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
            }
        }

        emulator.CreateNamespace(ns);
        return cluster;
    }

    /// <summary>Creates a WorkflowRun, then writes its status through /status as the operator does (none: as created by a person).</summary>
    public async Task<WorkflowRun> CreateRunAsync(string name, string workflow, WorkflowRunStatus? status = null, object? with = null)
    {
        WorkflowRun run = await Runs.CreateAsync(new WorkflowRun
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
            Spec = new WorkflowRunSpec { Workflow = workflow, With = with is null ? null : JsonSerializer.SerializeToElement(with) },
        }, CancellationToken.None);
        return status is null ? run : await SetStatusAsync(run, status);
    }

    public async Task<WorkflowRun> SetStatusAsync(WorkflowRun run, WorkflowRunStatus status)
    {
        WorkflowRun current = (await Runs.GetAsync(Namespace, run.Metadata.Name, CancellationToken.None))!;
        current.Status = status;
        return await Runs.ReplaceStatusAsync(current, CancellationToken.None);
    }

    public async Task<List<WorkflowRun>> ListRunsAsync() => [.. (await Runs.ListAsync(Namespace, null, CancellationToken.None)).Items];

    /// <summary>The CLI's arguments plus this cluster's kubeconfig.</summary>
    public string[] Args(params string[] args) => [.. args, "--kubeconfig", Kubeconfig];

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Emulator.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
