using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Resources;

namespace Honeydipper.KubeApi.Emulator.Api;

/// <summary>
/// The authorization checks kube-apiserver's OwnerReferencesPermissionEnforcement admission plugin makes (OpenShift
/// and hardened clusters enable it): changing an existing object's ownerReferences needs <c>delete</c> on that
/// object, and a reference newly set to <c>blockOwnerDeletion: true</c> needs <c>update</c> on the owner's
/// <c>finalizers</c> subresource. The emulator allows everything, so it only records them, for RBAC tests to read.
/// </summary>
internal static class OwnerReferenceChecks
{
    public const string Plugin = "OwnerReferencesPermissionEnforcement";

    public static IEnumerable<RecordedRequest> For(ResourceRegistry registry, RecordedRequest request, JsonObject? before, JsonObject after)
    {
        JsonArray? oldRefs = before?["metadata"]?["ownerReferences"] as JsonArray;
        JsonArray? newRefs = after["metadata"]?["ownerReferences"] as JsonArray;
        if (JsonNode.DeepEquals(oldRefs ?? [], newRefs ?? []))
        {
            yield break;
        }

        if (before is not null)
        {
            yield return request with { Verb = "delete", Subresource = null, Admission = Plugin };
        }

        HashSet<string> blockingBefore = [.. Blocking(oldRefs).Select(r => r["uid"]?.GetValue<string>() ?? "")];
        foreach (JsonObject owner in Blocking(newRefs).Where(r => !blockingBefore.Contains(r["uid"]?.GetValue<string>() ?? "")))
        {
            string apiVersion = owner["apiVersion"]?.GetValue<string>() ?? "";
            string kind = owner["kind"]?.GetValue<string>() ?? "";
            ResourceType? type = registry.All.FirstOrDefault(t => t.GroupVersion == apiVersion && t.Kind == kind);
            if (type is not null)
            {
                yield return new RecordedRequest("update", type.Group, type.Version, type.Plural, "finalizers", type.Namespaced ? request.Namespace : null,
                    owner["name"]?.GetValue<string>(), request.User, Plugin);
            }
        }
    }

    private static IEnumerable<JsonObject> Blocking(JsonArray? refs) =>
        (refs ?? []).OfType<JsonObject>().Where(r => r["blockOwnerDeletion"] is JsonValue v && v.TryGetValue(out bool block) && block);
}
