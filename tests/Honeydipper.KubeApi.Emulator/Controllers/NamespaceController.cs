using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Api;
using Honeydipper.KubeApi.Emulator.Resources;
using Honeydipper.KubeApi.Emulator.Storage;

namespace Honeydipper.KubeApi.Emulator.Controllers;

/// <summary>
/// The namespace controller: a namespace being deleted has every object in it deleted (finalizers respected),
/// and disappears once it is empty.
/// </summary>
internal sealed class NamespaceController(EmulatorContext ctx, ObjectDeleter deleter)
{
    private readonly HashSet<string> terminating = new(StringComparer.Ordinal);

    public async Task RunAsync(WatchSubscription events, CancellationToken cancellationToken)
    {
        await foreach (StoredEvent e in events.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (e.GroupResource == "namespaces" && e.Type != StoredEvent.Deleted && ObjectMeta.IsDeleting(e.Object))
            {
                string ns = ObjectStore.NameOf(e.Object);
                if (terminating.Add(ns))
                {
                    DeleteContents(ns);
                }

                TryFinish(ns);
            }
            else if (e.Type == StoredEvent.Deleted && terminating.Contains(ObjectStore.NamespaceOf(e.Object)))
            {
                TryFinish(ObjectStore.NamespaceOf(e.Object));
            }
        }
    }

    private IEnumerable<ResourceType> NamespacedTypes() =>
        ctx.Registry.All.Where(r => r.Namespaced && (r.StorageVersion.Length == 0 || r.StorageVersion == r.Version)).DistinctBy(r => r.GroupResource);

    private void DeleteContents(string ns)
    {
        foreach (ResourceType type in NamespacedTypes())
        {
            foreach (JsonObject obj in ctx.Store.List(type.GroupResource, ns).Items)
            {
                try
                {
                    deleter.Delete(type, ns, ObjectStore.NameOf(obj), new DeleteOptions("Background", null, null, false));
                }
                catch (ApiException e) when (e.Code is 404 or 409)
                {
                    // already gone
                }
            }
        }
    }

    private void TryFinish(string ns)
    {
        if (NamespacedTypes().Any(t => ctx.Store.List(t.GroupResource, ns).Items.Count > 0))
        {
            return;
        }

        try
        {
            ctx.Store.Remove("namespaces", "", ns, null);
        }
        catch (ApiException e) when (e.Code == 404)
        {
            // removed already
        }

        terminating.Remove(ns);
    }
}
