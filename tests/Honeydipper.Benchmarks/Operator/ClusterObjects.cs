using System.Globalization;
using System.Text.Json;
using Honeydipper.Core.Values;
using Honeydipper.Kubernetes.Resources;
using k8s;

namespace Honeydipper.Benchmarks.Operator;

/// <summary>Configuration custom resources made and read through the real KubernetesClient, as kubectl would.</summary>
public static class ClusterObjects
{
    /// <summary>Half Workflows, half Rules that each call their Workflow on a webhook URL of their own.</summary>
    public static IEnumerable<(string Plural, Dictionary<string, object?> Manifest)> RulesAndWorkflows(string ns, int count)
    {
        for (int i = 0; i < count / 2; i++)
        {
            string n = i.ToString(CultureInfo.InvariantCulture);
            yield return ("workflows", Manifest(ns, "Workflow", $"w-{n}", new Dictionary<string, object?>
            {
                ["steps"] = new List<object?> { new Dictionary<string, object?> { ["call_driver"] = "worker.do", ["with"] = new Dictionary<string, object?> { ["n"] = n } } },
            }));
            yield return ("rules", Manifest(ns, "Rule", $"r-{n}", new Dictionary<string, object?>
            {
                ["when"] = new Dictionary<string, object?> { ["driver"] = "webhook", ["if_match"] = new Dictionary<string, object?> { ["url"] = $"/hook/{n}" } },
                ["do"] = new Dictionary<string, object?> { ["call_workflow"] = $"w-{n}" },
            }));
        }
    }

    public static Dictionary<string, object?> Manifest(string ns, string kind, string name, Dictionary<string, object?> spec) => new()
    {
        ["apiVersion"] = HoneydipperApi.ApiVersion,
        ["kind"] = kind,
        ["metadata"] = new Dictionary<string, object?> { ["name"] = name, ["namespace"] = ns },
        ["spec"] = spec,
    };

    public static Task CreateAsync(IKubernetes client, string ns, string plural, Dictionary<string, object?> manifest, CancellationToken cancellationToken = default) =>
        client.CustomObjects.CreateNamespacedCustomObjectAsync(JsonSerializer.Deserialize<JsonElement>(GoJson.Serialize(manifest)),
            HoneydipperApi.Group, HoneydipperApi.Version, ns, plural, cancellationToken: cancellationToken);

    /// <summary>How many objects of a kind have the condition Ready=True.</summary>
    public static async Task<int> CountReadyAsync(IKubernetes client, string ns, string plural, CancellationToken cancellationToken = default)
    {
        JsonElement list = await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonElement>(HoneydipperApi.Group, HoneydipperApi.Version, ns, plural, cancellationToken: cancellationToken).ConfigureAwait(false);
        return list.GetProperty("items").EnumerateArray().Count(IsReady);
    }

    public static bool IsReady(JsonElement obj) =>
        obj.TryGetProperty("status", out JsonElement status) && status.TryGetProperty("conditions", out JsonElement conditions)
        && conditions.ValueKind == JsonValueKind.Array
        && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True");
}
