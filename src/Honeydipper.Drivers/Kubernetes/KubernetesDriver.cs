using Honeydipper.Drivers.Sdk;

namespace Honeydipper.Drivers.Kubernetes;

/// <summary>
/// Jobs, deployments and volume claims in the driver's own namespace (DESIGN §5), with the original's actions:
/// <c>createJob</c>, <c>waitForJob</c>, <c>getJobLog</c>, <c>deleteJob</c>, <c>recycleDeployment</c>, <c>createPVC</c>,
/// <c>deletePVC</c>. Errors name the action, the object and what the API server said.
/// </summary>
public sealed class KubernetesDriver(BuiltinDriverSettings settings) : IBuiltinDriver
{
    private readonly Lazy<KubernetesTarget> _target = new(() => KubernetesTarget.Connect(settings.Kubernetes));

    public string Type => "kubernetes";

    public void Register(DriverHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.Handle("createJob", (ctx, ct) => KubernetesJobs.CreateAsync(_target.Value, ctx, ct))
            .Handle("waitForJob", (ctx, ct) => KubernetesJobs.WaitAsync(_target.Value, ctx, ct))
            .Handle("getJobLog", (ctx, ct) => KubernetesJobs.LogAsync(_target.Value, ctx, ct))
            .Handle("deleteJob", (ctx, ct) => KubernetesJobs.DeleteAsync(_target.Value, ctx, ct))
            .Handle("recycleDeployment", (ctx, ct) => KubernetesWorkloads.RecycleDeploymentAsync(_target.Value, ctx, ct))
            .Handle("createPVC", (ctx, ct) => KubernetesWorkloads.CreatePvcAsync(_target.Value, ctx, ct))
            .Handle("deletePVC", (ctx, ct) => KubernetesWorkloads.DeletePvcAsync(_target.Value, ctx, ct));
    }

    public Task ServeAsync(DriverHost host, CancellationToken cancellationToken) => Task.CompletedTask;
}
