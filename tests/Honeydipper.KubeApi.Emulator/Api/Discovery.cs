using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Resources;

namespace Honeydipper.KubeApi.Emulator.Api;

/// <summary>
/// The legacy (unaggregated) discovery documents: /api, /apis, /apis/{group} and the APIResourceList of each
/// group/version. Clients that ask for aggregated discovery accept these, as they do from older servers.
/// </summary>
internal static class Discovery
{
    private static readonly string[] Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static JsonObject Versions(string address) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = address }),
    };

    public static JsonObject GroupList(ResourceRegistry registry) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. registry.Groups().Select(g => (JsonNode)Group(registry, g))]),
    };

    public static JsonObject Group(ResourceRegistry registry, string group)
    {
        IReadOnlyList<string> versions = registry.Versions(group);
        JsonArray list = [.. versions.Select(v => (JsonNode)GroupVersion(group, v))];
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = list,
            ["preferredVersion"] = GroupVersion(group, versions[0]),
        };
    }

    public static JsonObject ResourceList(ResourceRegistry registry, string group, string version)
    {
        JsonArray resources = [];
        foreach (ResourceType r in registry.All.Where(r => r.Group == group && r.Version == version).OrderBy(r => r.Plural, StringComparer.Ordinal))
        {
            JsonObject entry = new()
            {
                ["name"] = r.Plural,
                ["singularName"] = r.Singular,
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = new JsonArray([.. Verbs.Select(v => (JsonNode)v)]),
            };
            if (r.ShortNames.Count > 0)
            {
                entry["shortNames"] = new JsonArray([.. r.ShortNames.Select(s => (JsonNode)s)]);
            }

            if (r.Categories.Count > 0)
            {
                entry["categories"] = new JsonArray([.. r.Categories.Select(s => (JsonNode)s)]);
            }

            resources.Add(entry);
            if (r.HasStatus)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = $"{r.Plural}/status",
                    ["singularName"] = "",
                    ["namespaced"] = r.Namespaced,
                    ["kind"] = r.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonObject GroupVersion(string group, string version) =>
        new() { ["groupVersion"] = $"{group}/{version}", ["version"] = version };
}
