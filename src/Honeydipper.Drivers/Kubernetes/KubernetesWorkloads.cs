using k8s;
using k8s.Models;
using Honeydipper.Drivers.Sdk;

namespace Honeydipper.Drivers.Kubernetes;

/// <summary>The original's recycleDeployment, createPVC and deletePVC.</summary>
internal static class KubernetesWorkloads
{
    private const string Revision = "deployment.kubernetes.io/revision";

    /// <summary>
    /// Deletes the deployment's current ReplicaSet (the one of its revision), so that the deployment makes a new one and
    /// every pod is replaced. <c>deployment</c> is a name, or a label selector (<c>app=foo</c>) for the first match.
    /// </summary>
    public static async Task<CommandResult> RecycleDeploymentAsync(KubernetesTarget cluster, CommandContext ctx, CancellationToken cancellationToken)
    {
        string ns = cluster.NamespaceFor(ctx);
        string wanted = KubernetesTarget.Required(ctx, "deployment", "recycleDeployment");
        V1Deployment deployment;
        string selector;
        if (wanted.Contains('=', StringComparison.Ordinal))
        {
            V1DeploymentList found = await KubernetesTarget.Call($"recycleDeployment: finding deployments {wanted}", () => cluster.Client.AppsV1.ListNamespacedDeploymentAsync(ns, labelSelector: wanted, cancellationToken: cancellationToken)).ConfigureAwait(false);
            deployment = found.Items.FirstOrDefault() ?? throw new InvalidOperationException($"[kubernetes] recycleDeployment: no deployment matches {wanted} in namespace \"{ns}\"");
            selector = wanted;
        }
        else
        {
            deployment = await KubernetesTarget.Call($"recycleDeployment: reading deployment {wanted}", () => cluster.Client.AppsV1.ReadNamespacedDeploymentAsync(wanted, ns, cancellationToken: cancellationToken)).ConfigureAwait(false);
            selector = string.Join(',', (deployment.Spec?.Selector?.MatchLabels ?? new Dictionary<string, string>()).Select(p => $"{p.Key}={p.Value}"));
        }

        string? revision = deployment.Metadata.Annotations?.TryGetValue(Revision, out string? r) == true ? r : null;
        V1ReplicaSetList sets = await KubernetesTarget.Call($"recycleDeployment: listing the replicasets of {deployment.Metadata.Name}", () => cluster.Client.AppsV1.ListNamespacedReplicaSetAsync(ns, labelSelector: selector, cancellationToken: cancellationToken)).ConfigureAwait(false);
        V1ReplicaSet current = sets.Items.FirstOrDefault(rs => rs.Metadata.Annotations?.TryGetValue(Revision, out string? v) == true && v == revision)
            ?? throw new InvalidOperationException($"[kubernetes] recycleDeployment: no replicaset of {deployment.Metadata.Name} has its revision {revision ?? "(none)"}");
        await KubernetesTarget.Call($"recycleDeployment: deleting replicaset {current.Metadata.Name}", () => cluster.Client.AppsV1.DeleteNamespacedReplicaSetAsync(current.Metadata.Name, ns, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return CommandResult.Success();
    }

    public static async Task<CommandResult> CreatePvcAsync(KubernetesTarget cluster, CommandContext ctx, CancellationToken cancellationToken)
    {
        string ns = cluster.NamespaceFor(ctx);
        object? manifest = ctx.Parameters.TryGetValue("pvc", out object? p) && p is IDictionary<string, object?> map ? map
            : throw new InvalidOperationException("[kubernetes] createPVC: parameter pvc (a PersistentVolumeClaim manifest) is required but missing");
        V1PersistentVolumeClaim pvc = KubernetesTarget.FromData<V1PersistentVolumeClaim>(manifest, "pvc");
        pvc.ApiVersion ??= "v1";
        pvc.Kind ??= "PersistentVolumeClaim";
        V1PersistentVolumeClaim created = await KubernetesTarget.Call($"createPVC {pvc.Metadata?.Name}", () => cluster.Client.CoreV1.CreateNamespacedPersistentVolumeClaimAsync(pvc, ns, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return CommandResult.Success(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["metadata"] = KubernetesTarget.ToData(created.Metadata),
            ["status"] = KubernetesTarget.ToData(created.Status),
        });
    }

    public static async Task<CommandResult> DeletePvcAsync(KubernetesTarget cluster, CommandContext ctx, CancellationToken cancellationToken)
    {
        string ns = cluster.NamespaceFor(ctx);
        string name = KubernetesTarget.Required(ctx, "pvc", "deletePVC");
        await KubernetesTarget.Call($"deletePVC {name}", () => cluster.Client.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync(name, ns, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return CommandResult.Success();
    }
}
