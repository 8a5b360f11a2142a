using System.Globalization;
using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Api;

namespace Honeydipper.KubeApi.Emulator.Patching;

/// <summary>RFC 6902 operations (add, remove, replace, move, copy, test) over RFC 6901 pointers.</summary>
internal static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw ApiException.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }

        JsonNode root = document.DeepClone();
        foreach (JsonNode? opNode in operations)
        {
            string op = opNode?["op"]?.GetValue<string>() ?? "";
            string path = opNode?["path"]?.GetValue<string>() ?? "";
            switch (op)
            {
                case "add":
                    root = Add(root, path, opNode!["value"]?.DeepClone());
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path);
                    root = Add(root, path, opNode!["value"]?.DeepClone());
                    break;
                case "move":
                    string from = opNode!["from"]?.GetValue<string>() ?? "";
                    JsonNode? moved = Get(root, from);
                    Remove(root, from);
                    root = Add(root, path, moved);
                    break;
                case "copy":
                    root = Add(root, path, Get(root, opNode!["from"]?.GetValue<string>() ?? "")?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path), opNode!["value"]))
                    {
                        throw new ApiException(422, "Invalid", $"the server rejected our request due to an error in our request: testing value {path} failed: test failed");
                    }

                    break;
                default:
                    throw ApiException.BadRequest($"Unexpected kind: {op}");
            }
        }

        return root;
    }

    private static string[] Tokens(string pointer) =>
        pointer.Length == 0 ? [] : [.. pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))];

    private static JsonNode? Get(JsonNode root, string pointer)
    {
        JsonNode? node = root;
        foreach (string token in Tokens(pointer))
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(token, out JsonNode? child) => child,
                JsonArray array when int.TryParse(token, CultureInfo.InvariantCulture, out int i) && i >= 0 && i < array.Count => array[i],
                _ => throw Missing(pointer),
            };
        }

        return node;
    }

    private static JsonNode Add(JsonNode root, string pointer, JsonNode? value)
    {
        string[] tokens = Tokens(pointer);
        if (tokens.Length == 0)
        {
            return value ?? throw ApiException.BadRequest("cannot replace the document with null");
        }

        JsonNode? parent = Get(root, "/" + string.Join('/', tokens[..^1].Select(Escape)));
        string last = tokens[^1];
        switch (parent)
        {
            case JsonObject obj:
                obj[last] = value;
                break;
            case JsonArray array when last == "-":
                array.Add(value);
                break;
            case JsonArray array when int.TryParse(last, CultureInfo.InvariantCulture, out int i) && i >= 0 && i <= array.Count:
                array.Insert(i, value);
                break;
            default:
                throw Missing(pointer);
        }

        return root;
    }

    private static void Remove(JsonNode root, string pointer)
    {
        string[] tokens = Tokens(pointer);
        JsonNode? parent = tokens.Length == 0 ? null : Get(root, "/" + string.Join('/', tokens[..^1].Select(Escape)));
        string last = tokens.Length == 0 ? "" : tokens[^1];
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(last):
                obj.Remove(last);
                break;
            case JsonArray array when int.TryParse(last, CultureInfo.InvariantCulture, out int i) && i >= 0 && i < array.Count:
                array.RemoveAt(i);
                break;
            default:
                throw Missing(pointer);
        }
    }

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static ApiException Missing(string pointer) =>
        new(422, "Invalid", $"the server rejected our request due to an error in our request: doc is missing path: \"{pointer}\": missing value");
}
