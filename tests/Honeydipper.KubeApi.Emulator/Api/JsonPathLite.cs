using System.Globalization;
using System.Text.Json.Nodes;

namespace Honeydipper.KubeApi.Emulator.Api;

/// <summary>
/// The part of Kubernetes JSONPath that printer columns use: .field, [n], [*] and filters of the form
/// [?(@.field=="value")] (or !=).
/// </summary>
internal static class JsonPathLite
{
    public static IReadOnlyList<JsonNode?> Evaluate(JsonNode? root, string path)
    {
        List<JsonNode?> current = [root];
        int i = 0;
        string p = path.Trim().TrimStart('{').TrimEnd('}').Trim();
        while (i < p.Length)
        {
            if (p[i] == '.')
            {
                int end = i + 1;
                while (end < p.Length && p[end] != '.' && p[end] != '[')
                {
                    end++;
                }

                string field = p[(i + 1)..end];
                current = field.Length == 0 ? current : [.. current.Select(n => n is JsonObject o ? o[field] : null).Where(n => n is not null)];
                i = end;
            }
            else if (p[i] == '[')
            {
                int end = p.IndexOf(']', i);
                if (end < 0)
                {
                    break;
                }

                string inner = p[(i + 1)..end];
                current = Index(current, inner);
                i = end + 1;
            }
            else
            {
                i++;
            }
        }

        return current;
    }

    private static List<JsonNode?> Index(List<JsonNode?> nodes, string inner)
    {
        IEnumerable<JsonNode?> items = nodes.OfType<JsonArray>().SelectMany(a => a);
        if (inner == "*")
        {
            return [.. items];
        }

        if (int.TryParse(inner, NumberStyles.Integer, CultureInfo.InvariantCulture, out int index))
        {
            return [.. nodes.OfType<JsonArray>().Select(a => index >= 0 && index < a.Count ? a[index] : null).Where(n => n is not null)];
        }

        if (inner.StartsWith("?(", StringComparison.Ordinal) && inner.EndsWith(')'))
        {
            string expr = inner[2..^1];
            bool negate = expr.Contains("!=", StringComparison.Ordinal);
            string[] sides = expr.Split(negate ? "!=" : "==", 2);
            string left = sides[0].Trim();
            string right = sides.Length > 1 ? sides[1].Trim().Trim('"', '\'') : "";
            return [.. items.Where(item =>
            {
                IReadOnlyList<JsonNode?> found = Evaluate(item, left.StartsWith('@') ? left[1..] : left);
                JsonNode? value = found.Count > 0 ? found[0] : null;
                bool equal = value is not null && Text(value) == right;
                return negate ? !equal : equal;
            })];
        }

        return [];
    }

    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => node.ToJsonString(),
    };
}
