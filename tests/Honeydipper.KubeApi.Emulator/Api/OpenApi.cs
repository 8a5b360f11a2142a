using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Resources;

namespace Honeydipper.KubeApi.Emulator.Api;

/// <summary>
/// OpenAPI v3, as much as kubectl reads: one document per group/version whose component schemas carry
/// x-kubernetes-group-version-kind (kubectl explain finds them by it), and PATCH operations that list the
/// fieldValidation parameter (kubectl then leaves validation to the server). Built-in kinds get an open schema
/// and no strategic-merge content type, so kubectl apply computes their patches from its compiled-in types.
/// </summary>
internal static class OpenApi
{
    public static JsonObject Root(ResourceRegistry registry)
    {
        JsonObject paths = [];
        foreach (string gv in GroupVersions(registry))
        {
            paths[gv] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{gv}?hash={Hash(Document(registry, gv))}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    public static IEnumerable<string> GroupVersions(ResourceRegistry registry) =>
        registry.All.Select(r => r.Group.Length == 0 ? $"api/{r.Version}" : $"apis/{r.Group}/{r.Version}").Distinct().Order(StringComparer.Ordinal);

    public static JsonObject? Document(ResourceRegistry registry, string gv)
    {
        List<ResourceType> types = [.. registry.All.Where(r => (r.Group.Length == 0 ? $"api/{r.Version}" : $"apis/{r.Group}/{r.Version}") == gv)];
        if (types.Count == 0)
        {
            return null;
        }

        JsonObject schemas = new() { [ObjectMetaName] = ObjectMetaSchema() };
        JsonObject paths = [];
        foreach (ResourceType r in types)
        {
            string schemaName = SchemaName(r);
            JsonObject schema = r.Schema is null ? OpenSchema(r) : (JsonObject)r.Schema.DeepClone();
            JsonObject props = schema["properties"] as JsonObject ?? [];
            schema["properties"] = props;
            props["metadata"] = new JsonObject
            {
                ["description"] = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
                ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = $"#/components/schemas/{ObjectMetaName}" }),
            };
            props["apiVersion"] ??= new JsonObject { ["type"] = "string", ["description"] = "APIVersion defines the versioned schema of this representation of an object." };
            props["kind"] ??= new JsonObject { ["type"] = "string", ["description"] = "Kind is a string value representing the REST resource this object represents." };
            schema["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(r));
            schemas[schemaName] = schema;
            string prefix = r.Group.Length == 0 ? $"/api/{r.Version}" : $"/apis/{r.Group}/{r.Version}";
            string item = r.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{r.Plural}/{{name}}" : $"{prefix}/{r.Plural}/{{name}}";
            paths[item] = new JsonObject { ["patch"] = PatchOperation(r, schemaName) };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    public static string Hash(JsonObject? document) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(document?.ToJsonString() ?? "")))[..32];

    private const string ObjectMetaName = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    private static string SchemaName(ResourceType r) =>
        r.Group.Length == 0 ? $"io.k8s.api.core.{r.Version}.{r.Kind}" : $"{string.Join('.', r.Group.Split('.').Reverse())}.{r.Version}.{r.Kind}";

    private static JsonObject Gvk(ResourceType r) => new() { ["group"] = r.Group, ["kind"] = r.Kind, ["version"] = r.Version };

    private static JsonObject PatchOperation(ResourceType r, string schemaName)
    {
        JsonObject content = new()
        {
            ["application/json-patch+json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } },
            ["application/merge-patch+json"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } },
        };
        JsonArray parameters = [];
        foreach (string name in new[] { "dryRun", "fieldManager", "fieldValidation", "force" })
        {
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true } });
        }

        return new JsonObject
        {
            ["description"] = $"partially update the specified {r.Kind}",
            ["operationId"] = $"patch{r.Kind}",
            ["parameters"] = parameters,
            ["requestBody"] = new JsonObject { ["content"] = content },
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK", ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" } } } } },
            ["x-kubernetes-action"] = "patch",
            ["x-kubernetes-group-version-kind"] = Gvk(r),
        };
    }

    private static JsonObject OpenSchema(ResourceType r) => new()
    {
        ["description"] = $"{r.Kind} (a built-in kind; the Kubernetes API emulator does not publish its full schema).",
        ["type"] = "object",
        ["properties"] = new JsonObject(),
        ["x-kubernetes-preserve-unknown-fields"] = true,
    };

    private static JsonObject ObjectMetaSchema()
    {
        static JsonObject Str(string description) => new() { ["type"] = "string", ["description"] = description };
        static JsonObject Map(string description) => new() { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "string", ["default"] = "" }, ["description"] = description };
        return new JsonObject
        {
            ["description"] = "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["annotations"] = Map("Annotations is an unstructured key value map stored with a resource."),
                ["creationTimestamp"] = Str("CreationTimestamp is a timestamp representing the server time when this object was created."),
                ["deletionTimestamp"] = Str("DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted."),
                ["finalizers"] = new JsonObject { ["type"] = "array", ["items"] = Str(""), ["description"] = "Must be empty before the object is deleted from the registry." },
                ["generateName"] = Str("GenerateName is an optional prefix, used by the server, to generate a unique name."),
                ["generation"] = new JsonObject { ["type"] = "integer", ["format"] = "int64", ["description"] = "A sequence number representing a specific generation of the desired state." },
                ["labels"] = Map("Map of string keys and values that can be used to organize and categorize objects."),
                ["name"] = Str("Name must be unique within a namespace."),
                ["namespace"] = Str("Namespace defines the space within which each name must be unique."),
                ["ownerReferences"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true }, ["description"] = "List of objects depended by this object." },
                ["resourceVersion"] = Str("An opaque value that represents the internal version of this object."),
                ["uid"] = Str("UID is the unique in time and space value for this object."),
            },
        };
    }
}
