using System.Net;
using Honeydipper.Kubernetes.Resources.Drivers;
using Honeydipper.Kubernetes.Runtime.Conditions;
using Honeydipper.Kubernetes.Runtime.Controllers;
using Honeydipper.Kubernetes.Runtime.Informers;
using Honeydipper.Kubernetes.Runtime.Resources;
using Honeydipper.Operator.Kube;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Honeydipper.Operator.Drivers;

/// <summary>
/// A Driver → its Deployment, Service and ServiceAccount, owned by the Driver (deleting the Driver removes them), and
/// its status: replicas, Ready (every desired replica available) and Available (at least one).
/// </summary>
internal sealed class DriverReconciler(OperatorKube kube, OperatorOptions options) : IReconciler<Driver>
{
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<Driver> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Current is not { Metadata.DeletionTimestamp: null } driver)
        {
            return ReconcileResult.Done(); // gone or going: the garbage collector removes what it owned
        }

        string ns = driver.Metadata.NamespaceProperty;
        string name = DriverWorkload.WorkloadName(driver.Metadata.Name);
        string? conflict = await EnsureAsync(kube.ServiceAccountInformer, kube.ServiceAccounts, ns, name, DriverWorkload.ServiceAccount(driver), driver, (_, _) => { }, cancellationToken).ConfigureAwait(false)
            ?? await EnsureAsync(kube.ServiceInformer, kube.Services, ns, name, DriverWorkload.Service(driver), driver, (current, desired) =>
            {
                desired.Spec.ClusterIP = current.Spec?.ClusterIP; // allocated by the cluster, immutable
                desired.Spec.ClusterIPs = current.Spec?.ClusterIPs;
            }, cancellationToken).ConfigureAwait(false)
            ?? await EnsureAsync(kube.DeploymentInformer, kube.Deployments, ns, name, DriverWorkload.Deployment(driver, options, DriverSecrets.For(driver, kube.SystemInformer.Cache.List())), driver, (_, _) => { }, cancellationToken).ConfigureAwait(false);

        V1Deployment? deployment = kube.DeploymentInformer.Cache.Get(new ObjectKey(ns, name));
        return await WriteStatusAsync(driver, deployment, conflict, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates, updates (when its spec hash differs) or deletes one owned object; a conflict message when someone else's object has the name.</summary>
    private async Task<string?> EnsureAsync<T>(Informer<T> informer, ResourceClient<T> client, string ns, string name, T? desired, Driver owner, Action<T, T> keep, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        T? current = informer.Cache.Get(new ObjectKey(ns, name));
        if (current is not null && !OwnedBy(current, owner))
        {
            return $"a {typeof(T).Name[2..]} named {name} exists and belongs to someone else; delete or rename it";
        }

        if (desired is null)
        {
            if (current is not null)
            {
                await client.DeleteAsync(ns, name, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }

        if (current is null)
        {
            try
            {
                await client.CreateAsync(desired, cancellationToken).ConfigureAwait(false);
                await kube.Events.RecordAsync(Reference(owner), EventRecorder.Normal, "Created", $"created {typeof(T).Name[2..]} {name}", cancellationToken).ConfigureAwait(false);
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict)
            {
                // Not in our cache (not labelled as ours) yet it exists: someone else's, or ours not seen yet.
                T? existing = await client.GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
                if (existing is not null && !OwnedBy(existing, owner))
                {
                    return $"a {typeof(T).Name[2..]} named {name} exists and belongs to someone else; delete or rename it";
                }
            }

            return null;
        }

        if (DriverWorkload.HashOf(current.Metadata) != DriverWorkload.HashOf(desired.Metadata))
        {
            desired.Metadata.ResourceVersion = current.Metadata.ResourceVersion;
            keep(current, desired);
            await client.ReplaceAsync(desired, cancellationToken).ConfigureAwait(false);
            await kube.Events.RecordAsync(Reference(owner), EventRecorder.Normal, "Updated", $"updated {typeof(T).Name[2..]} {name}", cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private async Task<ReconcileResult> WriteStatusAsync(Driver cached, V1Deployment? deployment, string? conflict, CancellationToken cancellationToken)
    {
        Driver driver = ObjectCopy.DeepCopy(cached);
        driver.Status ??= new DriverStatus();
        driver.Status.Conditions ??= [];
        int desired = driver.Spec.Replicas;
        int available = deployment?.Status?.AvailableReplicas ?? 0;
        long? generation = driver.Metadata.Generation;
        bool changed = driver.Status.ObservedGeneration != generation
            || driver.Status.Replicas != (deployment?.Status?.Replicas ?? 0)
            || driver.Status.ReadyReplicas != (deployment?.Status?.ReadyReplicas ?? 0);
        driver.Status.ObservedGeneration = generation;
        driver.Status.Replicas = deployment?.Status?.Replicas ?? 0;
        driver.Status.ReadyReplicas = deployment?.Status?.ReadyReplicas ?? 0;
        if (conflict is not null)
        {
            changed |= ConditionSet.Set(driver.Status.Conditions, "Ready", ConditionStatus.False, "Conflict", conflict, generation, options.Time);
            changed |= ConditionSet.Set(driver.Status.Conditions, "Available", ConditionStatus.False, "Conflict", conflict, generation, options.Time);
        }
        else
        {
            bool ready = available >= desired;
            changed |= ConditionSet.Set(driver.Status.Conditions, "Ready", ready ? ConditionStatus.True : ConditionStatus.False,
                ready ? "ReplicasAvailable" : "ReplicasUnavailable",
                desired == 0 ? "scaled to zero replicas" : $"{available} of {desired} replicas available", generation, options.Time);
            changed |= ConditionSet.Set(driver.Status.Conditions, "Available", available > 0 ? ConditionStatus.True : ConditionStatus.False,
                available > 0 ? "ReplicasAvailable" : "NoReplicaAvailable", $"{available} replicas available", generation, options.Time);
        }

        if (changed)
        {
            await kube.Drivers.ReplaceStatusAsync(driver, cancellationToken).ConfigureAwait(false);
        }

        return ReconcileResult.Done();
    }

    private static bool OwnedBy(IKubernetesObject<V1ObjectMeta> obj, Driver owner) =>
        obj.Metadata.OwnerReferences?.Any(r => r.Controller == true && r.Uid == owner.Metadata.Uid) == true;

    private static V1ObjectReference Reference(Driver driver) => new()
    {
        ApiVersion = driver.ApiVersion,
        Kind = driver.Kind,
        Name = driver.Metadata.Name,
        NamespaceProperty = driver.Metadata.NamespaceProperty,
        Uid = driver.Metadata.Uid,
    };
}
