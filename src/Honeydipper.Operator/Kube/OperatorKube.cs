using Honeydipper.Kubernetes.Resources.ConfigRepos;
using Honeydipper.Kubernetes.Resources.Contexts;
using Honeydipper.Kubernetes.Resources.Drivers;
using Honeydipper.Kubernetes.Resources.Rules;
using Honeydipper.Kubernetes.Resources.Systems;
using Honeydipper.Kubernetes.Resources.WorkflowRuns;
using Honeydipper.Kubernetes.Resources.Workflows;
using Honeydipper.Kubernetes.Runtime.Informers;
using Honeydipper.Kubernetes.Runtime.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Operator.Kube;

/// <summary>The operator's view of the cluster: a typed client and an informer per kind it reads, and its event recorder.</summary>
internal sealed class OperatorKube
{
    public const string UidIndex = "uid";
    public const string RunIdIndex = "run-id";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "honeydipper-operator";

    public OperatorKube(IKubernetes client, OperatorOptions options)
    {
        Client = client;
        TimeProvider time = options.Time;
        ILogger logger = options.LoggerFactory.CreateLogger("Honeydipper.Operator.Informers");
        InformerOptions all = new() { Namespace = options.WatchNamespace };
        InformerOptions owned = all with { LabelSelector = $"{ManagedBy}={ManagedByValue}" };
        Drivers = new(client, ApiResource.For<Driver>());
        Systems = new(client, ApiResource.For<HoneydipperSystem>());
        Rules = new(client, ApiResource.For<Rule>());
        Workflows = new(client, ApiResource.For<Workflow>());
        Contexts = new(client, ApiResource.For<HoneydipperContext>());
        WorkflowRuns = new(client, ApiResource.For<WorkflowRun>());
        ConfigRepos = new(client, ApiResource.For<ConfigRepo>());
        Deployments = new(client, ApiResource.For<V1Deployment>());
        Services = new(client, ApiResource.For<V1Service>());
        ServiceAccounts = new(client, ApiResource.For<V1ServiceAccount>());
        DriverInformer = new(Drivers, all, time, logger);
        SystemInformer = new(Systems, all, time, logger);
        RuleInformer = new(Rules, all, time, logger);
        WorkflowInformer = new(Workflows, all, time, logger);
        ContextInformer = new(Contexts, all, time, logger);
        WorkflowRunInformer = new(WorkflowRuns, all, time, logger);
        ConfigRepoInformer = new(ConfigRepos, all, time, logger);
        DeploymentInformer = new(Deployments, owned, time, logger);
        ServiceInformer = new(Services, owned, time, logger);
        ServiceAccountInformer = new(ServiceAccounts, owned, time, logger);
        WorkflowRunInformer.Cache.AddIndex(UidIndex, r => r.Metadata.Uid is { } uid ? [uid] : []);
        WorkflowRunInformer.Cache.AddIndex(RunIdIndex, r => r.Metadata.Labels is { } labels && labels.TryGetValue(Runs.RunObjects.RunIdLabel, out string? id) ? [$"{r.Metadata.NamespaceProperty}/{id}"] : []);
        Events = new EventRecorder(client, "honeydipper-operator", time, options.LoggerFactory.CreateLogger("Honeydipper.Operator.Events"));
    }

    public IKubernetes Client { get; }

    public ResourceClient<Driver> Drivers { get; }

    public ResourceClient<HoneydipperSystem> Systems { get; }

    public ResourceClient<Rule> Rules { get; }

    public ResourceClient<Workflow> Workflows { get; }

    public ResourceClient<HoneydipperContext> Contexts { get; }

    public ResourceClient<WorkflowRun> WorkflowRuns { get; }

    public ResourceClient<ConfigRepo> ConfigRepos { get; }

    public ResourceClient<V1Deployment> Deployments { get; }

    public ResourceClient<V1Service> Services { get; }

    public ResourceClient<V1ServiceAccount> ServiceAccounts { get; }

    public Informer<Driver> DriverInformer { get; }

    public Informer<HoneydipperSystem> SystemInformer { get; }

    public Informer<Rule> RuleInformer { get; }

    public Informer<Workflow> WorkflowInformer { get; }

    public Informer<HoneydipperContext> ContextInformer { get; }

    public Informer<WorkflowRun> WorkflowRunInformer { get; }

    public Informer<ConfigRepo> ConfigRepoInformer { get; }

    public Informer<V1Deployment> DeploymentInformer { get; }

    public Informer<V1Service> ServiceInformer { get; }

    public Informer<V1ServiceAccount> ServiceAccountInformer { get; }

    public EventRecorder Events { get; }

    /// <summary>Every informer, to run on every replica (a warm standby).</summary>
    public IEnumerable<Func<CancellationToken, Task>> Informers =>
    [
        DriverInformer.RunAsync, SystemInformer.RunAsync, RuleInformer.RunAsync, WorkflowInformer.RunAsync, ContextInformer.RunAsync,
        WorkflowRunInformer.RunAsync, ConfigRepoInformer.RunAsync, DeploymentInformer.RunAsync, ServiceInformer.RunAsync, ServiceAccountInformer.RunAsync,
    ];

    /// <summary>True once every informer has listed.</summary>
    public bool Synced =>
        DriverInformer.HasSynced && SystemInformer.HasSynced && RuleInformer.HasSynced && WorkflowInformer.HasSynced && ContextInformer.HasSynced
        && WorkflowRunInformer.HasSynced && ConfigRepoInformer.HasSynced && DeploymentInformer.HasSynced && ServiceInformer.HasSynced && ServiceAccountInformer.HasSynced;

    /// <summary>A Secret's data as text, or null when it does not exist.</summary>
    public async Task<(IReadOnlyDictionary<string, string> Data, string Version)?> ReadSecretAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            V1Secret secret = await Client.CoreV1.ReadNamespacedSecretAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            Dictionary<string, string> data = new(StringComparer.Ordinal);
            foreach ((string key, byte[] value) in secret.Data ?? new Dictionary<string, byte[]>())
            {
                data[key] = System.Text.Encoding.UTF8.GetString(value);
            }

            return (data, secret.Metadata.ResourceVersion ?? string.Empty);
        }
        catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
