using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Resources;
using Honeydipper.KubeApi.Emulator.Storage;

namespace Honeydipper.KubeApi.Emulator.Api;

/// <summary>
/// DELETE: preconditions, finalizers (the object stays with a deletionTimestamp until the last one is removed),
/// orphaning of dependents, and namespaces that terminate by emptying themselves. Background cascading is the
/// garbage collector's job once the object is gone.
/// </summary>
internal sealed class ObjectDeleter(EmulatorContext ctx)
{
    /// <summary>Deletes; returns the object and whether it is gone already (false while finalizers hold it).</summary>
    public (JsonObject Object, bool Gone) Delete(ResourceType type, string ns, string name, DeleteOptions options)
    {
        for (int attempt = 0; ; attempt++)
        {
            JsonObject current = ctx.Store.Get(type.GroupResource, ns, name) ?? throw ApiException.NotFound(type.GroupResource, name);
            CheckPreconditions(type, name, current, options);
            try
            {
                return DeleteOnce(type, ns, name, current, options);
            }
            catch (ApiException e) when (e.Reason == "Conflict" && attempt < 5)
            {
                // Someone wrote in between; kube-apiserver retries its own read-modify-write the same way.
            }
        }
    }

    private (JsonObject Object, bool Gone) DeleteOnce(ResourceType type, string ns, string name, JsonObject current, DeleteOptions options)
    {
        string version = ObjectStore.ResourceVersionOf(current)!;
        bool isNamespace = type.Kind == "Namespace" && type.Group.Length == 0;
        if (options.DryRun)
        {
            return (current, ObjectMeta.Finalizers(current).Count == 0 && !isNamespace);
        }

        if (options.PropagationPolicy == "Orphan")
        {
            Orphan(current);
        }

        if (isNamespace || ObjectMeta.Finalizers(current).Count > 0)
        {
            if (ObjectMeta.IsDeleting(current))
            {
                return (current, false);
            }

            JsonObject marked = (JsonObject)current.DeepClone();
            JsonObject meta = ObjectMeta.Metadata(marked);
            meta["deletionTimestamp"] = ObjectMeta.Timestamp(ctx.Time.GetUtcNow());
            meta["deletionGracePeriodSeconds"] = 0;
            if (isNamespace)
            {
                marked["status"] = new JsonObject { ["phase"] = "Terminating" };
            }

            return (ctx.Store.Update(type.GroupResource, marked, version), false);
        }

        JsonObject removed = ctx.Store.Remove(type.GroupResource, ns, name, version);
        ObjectWriter.AfterRemove(ctx, type, removed);
        return (removed, true);
    }

    private static void CheckPreconditions(ResourceType type, string name, JsonObject current, DeleteOptions options)
    {
        string? uid = ObjectMeta.Str(current, "uid");
        if (options.PreconditionUid is { } wantUid && wantUid != uid)
        {
            throw ApiException.Conflict(type.GroupResource, name, $"Precondition failed: UID in precondition: {wantUid}, UID in object meta: {uid}");
        }

        string? version = ObjectStore.ResourceVersionOf(current);
        if (options.PreconditionResourceVersion is { } wantVersion && wantVersion != version)
        {
            throw ApiException.Conflict(type.GroupResource, name, $"Precondition failed: ResourceVersion in precondition: {wantVersion}, ResourceVersion in object meta: {version}");
        }
    }

    /// <summary>propagationPolicy=Orphan: dependents lose the owner reference and stay.</summary>
    private void Orphan(JsonObject owner)
    {
        string uid = ObjectMeta.Str(owner, "uid") ?? "";
        foreach ((string gr, JsonObject dependent) in ctx.Store.Dependents(uid))
        {
            JsonObject next = (JsonObject)dependent.DeepClone();
            JsonArray refs = (JsonArray)next["metadata"]!["ownerReferences"]!;
            next["metadata"]!["ownerReferences"] = new JsonArray([.. refs.Where(r => r?["uid"]?.GetValue<string>() != uid).Select(r => r?.DeepClone())]);
            try
            {
                ctx.Store.Update(gr, next, ObjectStore.ResourceVersionOf(dependent)!);
            }
            catch (ApiException e) when (e.Code is 404 or 409)
            {
                // gone or changed meanwhile; the garbage collector looks at it again when the owner is removed
            }
        }
    }
}
