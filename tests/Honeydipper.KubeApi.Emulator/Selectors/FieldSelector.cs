using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Api;
using Honeydipper.KubeApi.Emulator.Resources;

namespace Honeydipper.KubeApi.Emulator.Selectors;

/// <summary>
/// The fieldSelector query parameter. Like kube-apiserver, every kind supports metadata.name and
/// metadata.namespace, a few kinds a few more, and anything else is refused with 400.
/// </summary>
internal sealed class FieldSelector
{
    private static readonly Dictionary<string, string[]> ExtraFields = new(StringComparer.Ordinal)
    {
        ["Event"] = ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"],
        ["Pod"] = ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase", "status.podIP"],
        ["Secret"] = ["type"],
        ["Namespace"] = ["status.phase"],
        ["Job"] = ["status.successful"],
    };

    private readonly List<(string Field, bool Equal, string Value)> terms = [];

    private FieldSelector()
    {
    }

    public static FieldSelector Parse(string? text, ResourceType type)
    {
        FieldSelector selector = new();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }

        foreach (string raw in text.Split(','))
        {
            string part = raw.Trim();
            (string op, int at) = part.IndexOf("!=", StringComparison.Ordinal) is var ne and > 0 ? ("!=", ne)
                : part.IndexOf("==", StringComparison.Ordinal) is var ee and > 0 ? ("==", ee)
                : ("=", part.IndexOf('=', StringComparison.Ordinal));
            if (at <= 0)
            {
                throw ApiException.BadRequest($"invalid selector: '{text}'; can't understand '{part}'");
            }

            string field = part[..at].Trim();
            bool known = field is "metadata.name" or "metadata.namespace" ||
                (ExtraFields.TryGetValue(type.Kind, out string[]? extra) && extra.Contains(field));
            if (!known)
            {
                throw ApiException.BadRequest($"field label not supported: {field}");
            }

            selector.terms.Add((field, op != "!=", part[(at + op.Length)..].Trim()));
        }

        return selector;
    }

    public bool Matches(JsonObject obj) => terms.All(t => (Lookup(obj, t.Field) == t.Value) == t.Equal);

    private static string Lookup(JsonObject obj, string field)
    {
        JsonNode? node = obj;
        foreach (string segment in field.Split('.'))
        {
            node = node is JsonObject o ? o[segment] : null;
        }

        return node switch
        {
            null => "",
            JsonValue v when v.TryGetValue(out string? s) => s,
            _ => node.ToJsonString(),
        };
    }
}
