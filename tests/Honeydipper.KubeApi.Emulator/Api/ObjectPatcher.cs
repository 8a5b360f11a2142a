using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Patching;
using Honeydipper.KubeApi.Emulator.Resources;
using Honeydipper.KubeApi.Emulator.Storage;

namespace Honeydipper.KubeApi.Emulator.Api;

/// <summary>
/// PATCH: applies the patch to the current object and stores the result through the update path, retrying on
/// a concurrent write as kube-apiserver does, unless the patch itself names a resourceVersion that is stale.
/// </summary>
internal sealed class ObjectPatcher(EmulatorContext ctx, ObjectWriter writer)
{
    public const string Merge = "application/merge-patch+json";
    public const string Json = "application/json-patch+json";
    public const string Strategic = "application/strategic-merge-patch+json";
    public const string Apply = "application/apply-patch+yaml";

    public JsonObject Patch(ResourceType type, string ns, string name, string contentType, JsonNode? patch, string? subresource, WriteOptions options)
    {
        string mediaType = contentType.Split(';')[0].Trim();
        string[] accepted = type.IsCustom ? [Json, Merge, Apply] : [Json, Merge, Apply, Strategic];
        if (!accepted.Contains(mediaType))
        {
            throw ApiException.UnsupportedMediaType(contentType, accepted);
        }

        if (mediaType == Apply)
        {
            // Server-side apply (managedFields and field ownership) is out of the emulator's scope; say so plainly.
            throw new ApiException(415, "UnsupportedMediaType", "the Kubernetes API emulator does not implement server-side apply; use kubectl apply without --server-side");
        }

        for (int attempt = 0; ; attempt++)
        {
            JsonObject current = ctx.Store.Get(type.GroupResource, ns, name) ?? throw ApiException.NotFound(type.GroupResource, name);
            JsonNode? patched = mediaType switch
            {
                Merge => JsonMergePatch.Apply(current, patch),
                Strategic => StrategicMergePatch.Apply(current, patch),
                _ => JsonPatch.Apply(current, patch),
            };
            if (patched is not JsonObject result)
            {
                throw ApiException.BadRequest("the patch did not produce an object");
            }

            // Only a patch that names a resourceVersion itself is conditional; the one the patched object carries
            // over from the current object says nothing about what the client saw.
            bool conditional = NamesResourceVersion(patch, mediaType);
            string? wanted = ObjectStore.ResourceVersionOf(result);
            string currentVersion = ObjectStore.ResourceVersionOf(current)!;
            if (conditional && wanted != currentVersion)
            {
                throw ApiException.StaleResourceVersion(type.GroupResource, name);
            }

            result["metadata"]!["resourceVersion"] = currentVersion;
            try
            {
                return writer.Update(type, ns, name, result, subresource, options, unconditional: true);
            }
            catch (ApiException e) when (e.Reason == "Conflict" && !conditional && attempt < 5)
            {
                // A write landed between our read and our update: patch the newer object.
            }
        }
    }

    private static bool NamesResourceVersion(JsonNode? patch, string mediaType) => mediaType == Json
        ? patch is JsonArray ops && ops.OfType<JsonObject>().Any(op => op["path"]?.GetValue<string>() == "/metadata/resourceVersion")
        : patch is JsonObject map && map["metadata"] is JsonObject metadata && metadata["resourceVersion"] is JsonValue version
            && version.GetValue<string>().Length > 0;
}
