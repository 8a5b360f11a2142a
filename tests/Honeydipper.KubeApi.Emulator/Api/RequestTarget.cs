using Honeydipper.KubeApi.Emulator.Resources;

namespace Honeydipper.KubeApi.Emulator.Api;

/// <summary>A resource URL taken apart: /api/v1/... or /apis/{group}/{version}/..., [namespaces/{ns}/]{resource}[/{name}[/{subresource}]].</summary>
internal sealed record RequestTarget(ResourceType Type, string? Namespace, string? Name, string? Subresource)
{
    public static ApiException NotFound() =>
        new(404, "NotFound", "the server could not find the requested resource", new System.Text.Json.Nodes.JsonObject());

    /// <summary>Parses the segments after the group/version prefix; null when the URL names no served resource.</summary>
    public static RequestTarget Parse(ResourceRegistry registry, string group, string version, string[] rest)
    {
        string? ns = null;
        string[] tail = rest;
        if (rest.Length >= 3 && rest[0] == "namespaces" && registry.Find(group, version, rest[2]) is { Namespaced: true })
        {
            ns = rest[1];
            tail = rest[2..];
        }

        if (tail.Length is 0 or > 3)
        {
            throw NotFound();
        }

        ResourceType type = registry.Find(group, version, tail[0]) ?? throw NotFound();
        string? name = tail.Length > 1 ? tail[1] : null;
        string? sub = tail.Length > 2 ? tail[2] : null;
        bool subOk = sub is null || (sub == "status" && type.HasStatus) || (sub == "finalize" && type.Kind == "Namespace") || (sub == "log" && type.Kind == "Pod" && type.Group.Length == 0);
        if (!subOk || (!type.Namespaced && ns is not null) || (type.Namespaced && ns is null && name is not null))
        {
            throw NotFound();
        }

        return new RequestTarget(type, ns, name, sub);
    }
}
