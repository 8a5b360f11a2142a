using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Api;
using Honeydipper.KubeApi.Emulator.Resources;
using Honeydipper.KubeApi.Emulator.Storage;

namespace Honeydipper.KubeApi.Emulator.Controllers;

/// <summary>
/// The garbage collector's background cascade: when an object is gone, its dependents whose owners are all gone
/// are deleted (through the normal delete, so their own finalizers hold them), and dependents that still have
/// another owner only lose the dangling reference. Runs asynchronously, as kube-controller-manager does.
/// </summary>
internal sealed class GarbageCollector(EmulatorContext ctx, ObjectDeleter deleter)
{
    public async Task RunAsync(WatchSubscription events, CancellationToken cancellationToken)
    {
        await foreach (StoredEvent e in events.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (e.Type == StoredEvent.Deleted && ObjectMeta.Str(e.Object, "uid") is { } uid)
            {
                foreach ((string gr, JsonObject dependent) in ctx.Store.Dependents(uid))
                {
                    Collect(gr, dependent);
                }
            }
            else if (e.Type == StoredEvent.Added && ObjectStore.OwnerUids(e.Object).Any())
            {
                // A dependent created with owners that do not exist is collected too.
                Collect(e.GroupResource, e.Object);
            }
        }
    }

    private void Collect(string gr, JsonObject dependent)
    {
        List<string> owners = [.. ObjectStore.OwnerUids(dependent)];
        List<string> alive = [.. owners.Where(ctx.Store.UidExists)];
        if (alive.Count == owners.Count)
        {
            return;
        }

        ResourceType? type = ctx.Registry.All.FirstOrDefault(r => r.GroupResource == gr && (r.StorageVersion.Length == 0 || r.StorageVersion == r.Version));
        if (type is null)
        {
            return;
        }

        string ns = ObjectStore.NamespaceOf(dependent);
        string name = ObjectStore.NameOf(dependent);
        try
        {
            if (alive.Count == 0)
            {
                deleter.Delete(type, ns, name, new DeleteOptions("Background", ObjectMeta.Str(dependent, "uid"), null, false));
                return;
            }

            JsonObject next = (JsonObject)dependent.DeepClone();
            next["metadata"]!["ownerReferences"] = new JsonArray([.. ((JsonArray)dependent["metadata"]!["ownerReferences"]!).Where(r => alive.Contains(r?["uid"]?.GetValue<string>() ?? "")).Select(r => r?.DeepClone())]);
            ctx.Store.Update(gr, next, ObjectStore.ResourceVersionOf(dependent)!);
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Gone or changed meanwhile: the change itself is another event this loop sees.
        }
    }
}
