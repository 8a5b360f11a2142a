using System.Net;
using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Honeydipper.Kubernetes.Runtime.Resources;

/// <summary>
/// Typed access to one kind through the client's generic custom-object API, which also serves built-in kinds
/// (the client maps the empty group to /api/v1). One client type for every kind keeps the informer generic.
/// </summary>
public sealed class ResourceClient<T>(IKubernetes client, ApiResource resource)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    public ApiResource Resource { get; } = resource;

    public async Task<KubernetesList<T>> ListAsync(string? ns, string? labelSelector, CancellationToken cancellationToken)
    {
        HttpOperationResponse<KubernetesList<T>> response = Namespaced(ns)
            ? await client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync<KubernetesList<T>>(Resource.Group, Resource.Version, ns!, Resource.Plural, labelSelector: labelSelector, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync<KubernetesList<T>>(Resource.Group, Resource.Version, Resource.Plural, labelSelector: labelSelector, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Body;
    }

    /// <summary>A watch from a resourceVersion with bookmarks; error events (410 Expired) go to <paramref name="onError"/>.</summary>
    public async IAsyncEnumerable<(WatchEventType Type, T Object)> WatchAsync(string? ns, string? labelSelector, string resourceVersion, TimeSpan timeout, Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int seconds = (int)Math.Max(1, timeout.TotalSeconds);
        Task<HttpOperationResponse<object>> response = Namespaced(ns)
            ? client.CustomObjects.ListNamespacedCustomObjectWithHttpMessagesAsync(Resource.Group, Resource.Version, ns!, Resource.Plural, allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: seconds, watch: true, cancellationToken: cancellationToken)
            : client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(Resource.Group, Resource.Version, Resource.Plural, allowWatchBookmarks: true, labelSelector: labelSelector, resourceVersion: resourceVersion, timeoutSeconds: seconds, watch: true, cancellationToken: cancellationToken);
#pragma warning disable CS0618 // The client marks WatchAsync for a future change; it is still the only generic watch it has.
        await foreach ((WatchEventType type, T obj) in response.WatchAsync<T, object>(onError, cancellationToken).ConfigureAwait(false))
#pragma warning restore CS0618
        {
            yield return (type, obj);
        }
    }

    public async Task<T?> GetAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            HttpOperationResponse<T> response = Resource.Namespaced
                ? await client.CustomObjects.GetNamespacedCustomObjectWithHttpMessagesAsync<T>(Resource.Group, Resource.Version, ns, Resource.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false)
                : await client.CustomObjects.GetClusterCustomObjectWithHttpMessagesAsync<T>(Resource.Group, Resource.Version, Resource.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Body;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<T> CreateAsync(T obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        Stamp(obj);
        HttpOperationResponse<T> response = Resource.Namespaced
            ? await client.CustomObjects.CreateNamespacedCustomObjectWithHttpMessagesAsync<T>(obj, Resource.Group, Resource.Version, obj.Metadata.NamespaceProperty, Resource.Plural, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await client.CustomObjects.CreateClusterCustomObjectWithHttpMessagesAsync<T>(obj, Resource.Group, Resource.Version, Resource.Plural, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Body;
    }

    /// <summary>PUT of the whole object; 409 when its resourceVersion is stale.</summary>
    public async Task<T> ReplaceAsync(T obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        Stamp(obj);
        HttpOperationResponse<T> response = Resource.Namespaced
            ? await client.CustomObjects.ReplaceNamespacedCustomObjectWithHttpMessagesAsync<T>(obj, Resource.Group, Resource.Version, obj.Metadata.NamespaceProperty, Resource.Plural, obj.Metadata.Name, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await client.CustomObjects.ReplaceClusterCustomObjectWithHttpMessagesAsync<T>(obj, Resource.Group, Resource.Version, Resource.Plural, obj.Metadata.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Body;
    }

    /// <summary>PUT of the /status subresource: only status changes; 409 when its resourceVersion is stale.</summary>
    public async Task<T> ReplaceStatusAsync(T obj, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obj);
        Stamp(obj);
        HttpOperationResponse<T> response = Resource.Namespaced
            ? await client.CustomObjects.ReplaceNamespacedCustomObjectStatusWithHttpMessagesAsync<T>(obj, Resource.Group, Resource.Version, obj.Metadata.NamespaceProperty, Resource.Plural, obj.Metadata.Name, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await client.CustomObjects.ReplaceClusterCustomObjectStatusWithHttpMessagesAsync<T>(obj, Resource.Group, Resource.Version, Resource.Plural, obj.Metadata.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Body;
    }

    public async Task<T> PatchAsync(string ns, string name, V1Patch patch, CancellationToken cancellationToken)
    {
        HttpOperationResponse<T> response = Resource.Namespaced
            ? await client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync<T>(patch, Resource.Group, Resource.Version, ns, Resource.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await client.CustomObjects.PatchClusterCustomObjectWithHttpMessagesAsync<T>(patch, Resource.Group, Resource.Version, Resource.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Body;
    }

    public async Task<T> PatchStatusAsync(string ns, string name, V1Patch patch, CancellationToken cancellationToken)
    {
        HttpOperationResponse<T> response = Resource.Namespaced
            ? await client.CustomObjects.PatchNamespacedCustomObjectStatusWithHttpMessagesAsync<T>(patch, Resource.Group, Resource.Version, ns, Resource.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false)
            : await client.CustomObjects.PatchClusterCustomObjectStatusWithHttpMessagesAsync<T>(patch, Resource.Group, Resource.Version, Resource.Plural, name, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.Body;
    }

    /// <summary>Deletes; false when the object was already gone.</summary>
    public async Task<bool> DeleteAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            _ = Resource.Namespaced
                ? await client.CustomObjects.DeleteNamespacedCustomObjectWithHttpMessagesAsync(Resource.Group, Resource.Version, ns, Resource.Plural, name, propagationPolicy: "Background", cancellationToken: cancellationToken).ConfigureAwait(false)
                : await client.CustomObjects.DeleteClusterCustomObjectWithHttpMessagesAsync(Resource.Group, Resource.Version, Resource.Plural, name, propagationPolicy: "Background", cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private bool Namespaced(string? ns) => Resource.Namespaced && !string.IsNullOrEmpty(ns);

    /// <summary>Typed objects built in code may lack apiVersion and kind; the server needs them.</summary>
    private void Stamp(T obj)
    {
        obj.ApiVersion ??= Resource.ApiVersion;
        obj.Kind ??= typeof(T).GetCustomAttributes(typeof(KubernetesEntityAttribute), false).OfType<KubernetesEntityAttribute>().FirstOrDefault()?.Kind;
        obj.Metadata ??= new V1ObjectMeta();
    }
}
