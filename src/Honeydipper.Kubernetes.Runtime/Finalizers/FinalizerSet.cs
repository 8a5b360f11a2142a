using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Honeydipper.Kubernetes.Runtime.Resources;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Honeydipper.Kubernetes.Runtime.Finalizers;

/// <summary>
/// Finalizers: checks on an object, and adding or removing one on the server with a merge patch that carries the
/// resourceVersion, so a concurrent change answers 409 instead of being overwritten. Remove the finalizer with
/// CancellationToken.None once cleanup is done, so shutting down cannot leave the object stuck half-finalized.
/// </summary>
public static class FinalizerSet
{
    public static bool Has(IMetadata<V1ObjectMeta> obj, string finalizer) =>
        obj?.Metadata?.Finalizers?.Contains(finalizer) == true;

    public static bool IsDeleting(IMetadata<V1ObjectMeta> obj) => obj?.Metadata?.DeletionTimestamp is not null;

    /// <summary>Adds the finalizer on the server unless present; returns the object as stored.</summary>
    public static async Task<T> EnsureAsync<T>(ResourceClient<T> client, T obj, string finalizer, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        if (Has(obj, finalizer))
        {
            return obj;
        }

        return await PatchAsync(client, obj, [.. obj.Metadata.Finalizers ?? [], finalizer], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the finalizer on the server; null when that let the object go (it was being deleted).</summary>
    public static async Task<T?> RemoveAsync<T>(ResourceClient<T> client, T obj, string finalizer, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!Has(obj, finalizer))
        {
            return obj;
        }

        try
        {
            T patched = await PatchAsync(client, obj, [.. obj.Metadata.Finalizers!.Where(f => f != finalizer)], cancellationToken).ConfigureAwait(false);
            return patched.Metadata?.DeletionTimestamp is not null && (patched.Metadata.Finalizers?.Count ?? 0) == 0 ? null : patched;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static Task<T> PatchAsync<T>(ResourceClient<T> client, T obj, List<string> finalizers, CancellationToken cancellationToken)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        JsonObject patch = new()
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = obj.Metadata.ResourceVersion,
                ["finalizers"] = JsonSerializer.SerializeToNode(finalizers),
            },
        };
        return client.PatchAsync(obj.Metadata.NamespaceProperty ?? "", obj.Metadata.Name, new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), cancellationToken);
    }
}
