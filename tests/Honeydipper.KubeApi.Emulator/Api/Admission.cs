using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Resources;
using Honeydipper.KubeApi.Emulator.Storage;
using Honeydipper.KubeApi.Emulator.Validation;

namespace Honeydipper.KubeApi.Emulator.Api;

/// <summary>
/// The checks and defaults every write goes through after the generic metadata handling: the custom resource
/// schema pipeline (prune, default, validate), name rules, and what a few built-in kinds' strategies set.
/// </summary>
internal static class Admission
{
    public static void Prepare(EmulatorContext ctx, ResourceType type, JsonObject obj, JsonObject? old, WriteOptions options)
    {
        List<FieldError> errors = [.. ObjectMeta.ValidateName(ObjectStore.NameOf(obj), labelOnly: type.Kind == "Namespace")];
        if (type.IsCustom && type.Schema is not null)
        {
            List<string> unknown = StructuralSchema.Prune(obj, type.Schema);
            if (unknown.Count > 0 && options.FieldValidation == "Strict")
            {
                string list = string.Join(", ", unknown.Select(u => $"unknown field \"{u}\""));
                throw ApiException.BadRequest($"strict decoding error: {list}");
            }

            if (options.FieldValidation == "Warn")
            {
                options.Warnings.AddRange(unknown.Select(u => $"unknown field \"{u}\""));
            }

            StructuralSchema.ApplyDefaults(obj, type.Schema);
            errors.AddRange(SchemaValidator.Validate(obj, type.Schema));
        }

        if (type.Kind == "Namespace" && type.Group.Length == 0)
        {
            obj["spec"] ??= new JsonObject();
            obj["spec"]!["finalizers"] ??= new JsonArray("kubernetes");
            obj["status"] ??= new JsonObject();
            obj["status"]!["phase"] ??= "Active";
        }

        if (type.Kind == "Secret" && type.Group.Length == 0 && obj["stringData"] is JsonObject stringData)
        {
            // The Secret strategy: stringData is a write-only convenience, merged into data (winning) and never stored.
            JsonObject data = obj["data"] as JsonObject ?? [];
            foreach ((string key, JsonNode? value) in stringData)
            {
                data[key] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? ""));
            }

            obj["data"] = data;
            obj.Remove("stringData");
        }

        if (type.Kind == "CustomResourceDefinition")
        {
            errors.AddRange(CustomResourceDefinitions.Validate(obj));
            CustomResourceDefinitions.SetStatus(obj, ctx.Time.GetUtcNow());
        }

        if (old is not null && ObjectMeta.IsDeleting(old))
        {
            List<string> before = ObjectMeta.Finalizers(old);
            foreach (string added in ObjectMeta.Finalizers(obj).Where(f => !before.Contains(f)))
            {
                errors.Add(FieldError.Forbidden("metadata.finalizers", $"no new finalizers can be added if the object is being deleted, found new finalizers []string{{\"{added}\"}}"));
            }
        }

        if (errors.Count > 0)
        {
            throw ApiException.Invalid(type.Kind, type.Group, ObjectStore.NameOf(obj), errors);
        }
    }

    /// <summary>NamespaceLifecycle: no new objects in a namespace that does not exist or is being deleted.</summary>
    public static void CheckNamespace(EmulatorContext ctx, ResourceType type, string ns, string name)
    {
        if (!type.Namespaced)
        {
            return;
        }

        JsonObject? nsObj = ctx.Store.Get("namespaces", "", ns) ?? throw ApiException.NotFound("namespaces", ns);
        if (ObjectMeta.IsDeleting(nsObj))
        {
            throw ApiException.Forbidden(type.GroupResource, name, $"unable to create new content in namespace {ns} because it is being terminated");
        }
    }
}
