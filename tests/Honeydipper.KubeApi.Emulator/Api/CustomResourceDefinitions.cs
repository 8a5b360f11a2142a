using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Resources;
using Honeydipper.KubeApi.Emulator.Storage;
using Honeydipper.KubeApi.Emulator.Validation;

namespace Honeydipper.KubeApi.Emulator.Api;

/// <summary>
/// apiextensions.k8s.io/v1 CustomResourceDefinitions: the checks kube-apiserver makes that matter to us, the
/// NamesAccepted/Established conditions, and serving the defined resource as soon as the CRD is stored.
/// </summary>
internal static class CustomResourceDefinitions
{
    public static IEnumerable<FieldError> Validate(JsonObject crd)
    {
        JsonNode? spec = crd["spec"];
        string group = spec?["group"]?.GetValue<string>() ?? "";
        string plural = spec?["names"]?["plural"]?.GetValue<string>() ?? "";
        if (group.Length == 0)
        {
            yield return FieldError.Required("spec.group");
        }

        if (plural.Length == 0)
        {
            yield return FieldError.Required("spec.names.plural");
        }

        if (string.IsNullOrEmpty(spec?["names"]?["kind"]?.GetValue<string>()))
        {
            yield return FieldError.Required("spec.names.kind");
        }

        string scope = spec?["scope"]?.GetValue<string>() ?? "";
        if (scope is not ("Namespaced" or "Cluster"))
        {
            yield return FieldError.NotSupported("spec.scope", scope, ["Cluster", "Namespaced"]);
        }

        string name = ObjectStore.NameOf(crd);
        if (group.Length > 0 && plural.Length > 0 && name != $"{plural}.{group}")
        {
            yield return FieldError.Invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group");
        }

        JsonArray versions = spec?["versions"] as JsonArray ?? [];
        if (versions.Count == 0)
        {
            yield return FieldError.Invalid("spec.versions", new JsonArray(), "must have exactly one version marked as storage version");
        }
        else if (versions.Count(v => v?["storage"]?.GetValue<bool>() == true) != 1)
        {
            yield return FieldError.Invalid("spec.versions", versions.DeepClone(), "must have exactly one version marked as storage version");
        }

        for (int i = 0; i < versions.Count; i++)
        {
            if (versions[i]?["schema"]?["openAPIV3Schema"] is not JsonObject schema)
            {
                yield return FieldError.Required($"spec.versions[{i}].schema.openAPIV3Schema", "schemas are required");
            }
            else if (schema["type"]?.GetValue<string>() != "object")
            {
                yield return FieldError.Invalid($"spec.versions[{i}].schema.openAPIV3Schema.type", schema["type"]?.DeepClone(), "must be object at the root");
            }
        }
    }

    /// <summary>Names are accepted and the CRD established at once; conditions keep their time when nothing changes.</summary>
    public static void SetStatus(JsonObject crd, DateTimeOffset now)
    {
        JsonObject status = crd["status"] as JsonObject ?? [];
        crd["status"] = status;
        JsonArray previous = status["conditions"] as JsonArray ?? [];
        JsonArray conditions = [];
        foreach ((string type, string reason, string message) in new[]
        {
            ("NamesAccepted", "NoConflicts", "no conflicts found"),
            ("Established", "InitialNamesAccepted", "the initial names have been accepted"),
        })
        {
            string time = previous.FirstOrDefault(c => c?["type"]?.GetValue<string>() == type)?["lastTransitionTime"]?.GetValue<string>()
                ?? ObjectMeta.Timestamp(now);
            conditions.Add(new JsonObject { ["type"] = type, ["status"] = "True", ["lastTransitionTime"] = time, ["reason"] = reason, ["message"] = message });
        }

        status["conditions"] = conditions;
        status["acceptedNames"] = crd["spec"]?["names"]?.DeepClone();
        status["storedVersions"] = new JsonArray([.. (crd["spec"]?["versions"] as JsonArray ?? []).Where(v => v?["storage"]?.GetValue<bool>() == true).Select(v => (JsonNode?)v!["name"]!.GetValue<string>())]);
    }

    public static void Register(ResourceRegistry registry, JsonObject crd)
    {
        JsonNode spec = crd["spec"]!;
        JsonNode names = spec["names"]!;
        string kind = names["kind"]!.GetValue<string>();
        JsonArray versions = spec["versions"] as JsonArray ?? [];
        string storage = versions.First(v => v?["storage"]?.GetValue<bool>() == true)!["name"]!.GetValue<string>();
        List<ResourceType> types = [];
        foreach (JsonNode? version in versions.Where(v => v?["served"]?.GetValue<bool>() != false))
        {
            types.Add(new ResourceType(
                spec["group"]!.GetValue<string>(),
                version!["name"]!.GetValue<string>(),
                names["plural"]!.GetValue<string>(),
                names["singular"]?.GetValue<string>() ?? kind.ToLowerInvariant(),
                kind,
                spec["scope"]?.GetValue<string>() == "Namespaced")
            {
                ShortNames = Strings(names["shortNames"]),
                Categories = Strings(names["categories"]),
                HasStatus = version["subresources"]?["status"] is not null,
                HasGeneration = true,
                IsCustom = true,
                Schema = version["schema"]?["openAPIV3Schema"]?.DeepClone() as JsonObject,
                PrinterColumns = [.. (version["additionalPrinterColumns"] as JsonArray ?? []).OfType<JsonObject>().Select(c => (JsonObject)c.DeepClone())],
                StorageVersion = storage,
                ReturnsDeletedObject = true,
            });
        }

        registry.SetCustom(ObjectStore.NameOf(crd), types);
    }

    public static void Unregister(EmulatorContext ctx, JsonObject crd)
    {
        ctx.Registry.RemoveCustom(ObjectStore.NameOf(crd));
        string group = crd["spec"]?["group"]?.GetValue<string>() ?? "";
        string plural = crd["spec"]?["names"]?["plural"]?.GetValue<string>() ?? "";
        ctx.Store.RemoveAll($"{plural}.{group}");
    }

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray list ? [.. list.Select(s => s!.GetValue<string>())] : [];
}
