using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Honeydipper.KubeApi.Emulator.Api;

/// <summary>
/// What <c>GET pods/{name}/log?container=</c> answers. No kubelet runs, so tests write the logs a container would
/// have printed (<see cref="KubeApiEmulator.SetPodLog"/>); a container of an existing pod with none has an empty log.
/// </summary>
internal sealed class PodLogs
{
    private readonly ConcurrentDictionary<(string Namespace, string Pod, string Container), string> _logs = new();

    public void Set(string ns, string pod, string container, string text) => _logs[(ns, pod, container)] = text;

    /// <summary>The log of a pod's container; with no container named, the pod's only container (as kube-apiserver does).</summary>
    public string Read(JsonObject pod, string ns, string name, string? container)
    {
        List<string> containers = [.. new[] { "initContainers", "containers" }
            .SelectMany(field => (pod["spec"]?[field] as JsonArray ?? []).OfType<JsonObject>())
            .Select(c => c["name"]?.GetValue<string>() ?? string.Empty)];
        if (string.IsNullOrEmpty(container))
        {
            if (containers.Count != 1)
            {
                throw ApiException.BadRequest($"a container name must be specified for pod {name}, choose one of: [{string.Join(' ', containers)}]");
            }

            container = containers[0];
        }
        else if (!containers.Contains(container))
        {
            throw ApiException.BadRequest($"container {container} is not valid for pod {name}");
        }

        return _logs.TryGetValue((ns, name, container), out string? text) ? text : string.Empty;
    }
}
