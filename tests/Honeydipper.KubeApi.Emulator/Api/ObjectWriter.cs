using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Resources;
using Honeydipper.KubeApi.Emulator.Storage;
using Honeydipper.KubeApi.Emulator.Validation;

namespace Honeydipper.KubeApi.Emulator.Api;

/// <summary>
/// Create and update as kube-apiserver's generic registry does them: server-owned metadata, resourceVersion
/// preconditions, spec and status kept apart when status is a subresource, generation bumped only by spec changes,
/// and an object whose last finalizer goes away while it is being deleted is removed.
/// </summary>
internal sealed class ObjectWriter(EmulatorContext ctx)
{
    public JsonObject Create(ResourceType type, string ns, JsonNode? body, WriteOptions options)
    {
        JsonObject obj = CheckBody(type, body, ns);
        JsonObject meta = ObjectMeta.Metadata(obj);
        if (string.IsNullOrEmpty(ObjectStore.NameOf(obj)) && meta["generateName"]?.GetValue<string>() is { Length: > 0 } prefix)
        {
            meta["name"] = ObjectMeta.Generate(prefix);
        }

        string name = ObjectStore.NameOf(obj);
        Admission.CheckNamespace(ctx, type, ns, name);
        foreach (string field in new[] { "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "managedFields" })
        {
            meta.Remove(field);
        }

        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = ObjectMeta.Timestamp(ctx.Time.GetUtcNow());
        if (type.HasGeneration)
        {
            meta["generation"] = 1;
        }
        else
        {
            meta.Remove("generation");
        }

        if (type.HasStatus)
        {
            // Status is the controllers' to write, through /status; what a client sends on create is dropped.
            obj.Remove("status");
        }

        Admission.Prepare(ctx, type, obj, null, options);
        if (options.DryRun)
        {
            return obj;
        }

        JsonObject created = ctx.Store.Create(type.GroupResource, obj);
        AfterWrite(type, created);
        return created;
    }

    /// <summary>PUT on the object or its /status; <paramref name="unconditional"/> when the caller took the current version itself (a patch).</summary>
    public JsonObject Update(ResourceType type, string ns, string name, JsonNode? body, string? subresource, WriteOptions options, bool unconditional = false)
    {
        JsonObject sent = CheckBody(type, body, ns);
        if (ObjectStore.NameOf(sent) != name)
        {
            throw ApiException.BadRequest($"the name of the object ({ObjectStore.NameOf(sent)}) does not match the name on the URL ({name})");
        }

        JsonObject current = ctx.Store.Get(type.GroupResource, ns, name) ?? throw ApiException.NotFound(type.GroupResource, name);
        string currentVersion = ObjectStore.ResourceVersionOf(current)!;
        string? sentVersion = ObjectStore.ResourceVersionOf(sent);
        if (string.IsNullOrEmpty(sentVersion))
        {
            if (type.IsCustom && !unconditional)
            {
                throw ApiException.Invalid(type.Kind, type.Group, name, [FieldError.Invalid("metadata.resourceVersion", 0, "must be specified for an update")]);
            }
        }
        else if (sentVersion != currentVersion)
        {
            throw ApiException.StaleResourceVersion(type.GroupResource, name);
        }

        JsonObject next = Compose(type, current, sent, subresource);
        Admission.Prepare(ctx, type, next, current, options);
        if (type.HasGeneration && !JsonNode.DeepEquals(ObjectMeta.SpecPart(next), ObjectMeta.SpecPart(current)))
        {
            // Read through the JSON text: a number may be held as int or long depending on who wrote it.
            next["metadata"]!["generation"] = long.Parse(current["metadata"]?["generation"]?.ToJsonString() ?? "0", System.Globalization.CultureInfo.InvariantCulture) + 1;
        }

        if (ObjectMeta.IsDeleting(next) && ObjectMeta.Finalizers(next).Count == 0)
        {
            if (options.DryRun)
            {
                return next;
            }

            // The last finalizer is gone: the deletion that was waiting for it completes now.
            JsonObject removed = ctx.Store.Remove(type.GroupResource, ns, name, currentVersion);
            AfterRemove(ctx, type, removed);

            // Answer with the object as this write left it (no finalizers), at the version of its deletion.
            next["metadata"]!["resourceVersion"] = removed["metadata"]!["resourceVersion"]!.DeepClone();
            return next;
        }

        if (options.DryRun)
        {
            return next;
        }

        JsonObject updated = ctx.Store.Update(type.GroupResource, next, currentVersion);
        AfterWrite(type, updated);
        return updated;
    }

    private static JsonObject Compose(ResourceType type, JsonObject current, JsonObject sent, string? subresource)
    {
        JsonObject next;
        if (subresource == "status")
        {
            next = (JsonObject)current.DeepClone();
            if (sent["status"] is JsonNode status)
            {
                next["status"] = status.DeepClone();
            }
            else
            {
                next.Remove("status");
            }

            return next;
        }

        next = (JsonObject)sent.DeepClone();
        JsonObject meta = ObjectMeta.Metadata(next);
        JsonObject oldMeta = ObjectMeta.Metadata(current);
        foreach (string field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "namespace", "resourceVersion" })
        {
            if (oldMeta[field] is JsonNode value)
            {
                meta[field] = value.DeepClone();
            }
            else
            {
                meta.Remove(field);
            }
        }

        meta.Remove("managedFields");
        if (type.HasStatus)
        {
            // The main endpoint ignores status when status is a subresource.
            if (current["status"] is JsonNode status)
            {
                next["status"] = status.DeepClone();
            }
            else
            {
                next.Remove("status");
            }
        }

        return next;
    }

    private static JsonObject CheckBody(ResourceType type, JsonNode? body, string ns)
    {
        if (body is not JsonObject obj)
        {
            throw ApiException.BadRequest("the body of the request must be a JSON object");
        }

        obj = (JsonObject)obj.DeepClone();
        string? apiVersion = obj["apiVersion"]?.GetValue<string>();
        string? kind = obj["kind"]?.GetValue<string>();
        if (apiVersion is not null && apiVersion != type.GroupVersion)
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.GroupVersion})");
        }

        if (kind is not null && kind != type.Kind)
        {
            throw ApiException.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        }

        obj["apiVersion"] = type.GroupVersion;
        obj["kind"] = type.Kind;
        JsonObject meta = ObjectMeta.Metadata(obj);
        if (type.Namespaced)
        {
            string? sentNs = meta["namespace"]?.GetValue<string>();
            if (!string.IsNullOrEmpty(sentNs) && sentNs != ns)
            {
                throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            meta["namespace"] = ns;
        }
        else
        {
            meta.Remove("namespace");
        }

        return obj;
    }

    /// <summary>A deleted CRD takes its resource out of discovery and its objects out of storage.</summary>
    public static void AfterRemove(EmulatorContext ctx, ResourceType type, JsonObject removed)
    {
        if (type.Kind == "CustomResourceDefinition")
        {
            CustomResourceDefinitions.Unregister(ctx, removed);
        }
    }

    private void AfterWrite(ResourceType type, JsonObject stored)
    {
        if (type.Kind == "CustomResourceDefinition")
        {
            CustomResourceDefinitions.Register(ctx.Registry, stored);
        }
    }
}
