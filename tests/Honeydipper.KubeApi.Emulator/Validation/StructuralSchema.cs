using System.Text.Json.Nodes;

namespace Honeydipper.KubeApi.Emulator.Validation;

/// <summary>
/// What kube-apiserver does with a custom resource before it stores it, in its order: prune fields the schema does
/// not know (unless x-kubernetes-preserve-unknown-fields), drop or default non-nullable nulls, fill defaults.
/// Validation is <see cref="SchemaValidator"/>. apiVersion, kind and metadata at the root are the server's own.
/// </summary>
internal static class StructuralSchema
{
    private static readonly HashSet<string> RootFields = ["apiVersion", "kind", "metadata"];

    /// <summary>Removes unknown fields and returns their paths, for fieldValidation=Strict/Warn.</summary>
    public static List<string> Prune(JsonObject obj, JsonObject schema)
    {
        List<string> unknown = [];
        PruneObject(obj, schema, "", unknown, root: true);
        return unknown;
    }

    public static void ApplyDefaults(JsonNode? node, JsonObject schema)
    {
        switch (node)
        {
            case JsonObject obj when schema["properties"] is JsonObject props:
                foreach ((string name, JsonNode? propSchemaNode) in props)
                {
                    if (propSchemaNode is not JsonObject propSchema)
                    {
                        continue;
                    }

                    bool present = obj.TryGetPropertyValue(name, out JsonNode? child);
                    bool nullable = propSchema["nullable"]?.GetValue<bool>() ?? false;
                    if (present && child is null && !nullable)
                    {
                        // Non-nullable nulls are pruned, then defaulted when the schema has a default.
                        obj.Remove(name);
                        present = false;
                    }

                    if (!present && propSchema["default"] is JsonNode def)
                    {
                        obj[name] = def.DeepClone();
                    }

                    if (obj[name] is JsonNode value)
                    {
                        ApplyDefaults(value, propSchema);
                    }
                }

                break;
            case JsonObject obj when schema["additionalProperties"] is JsonObject valueSchema:
                foreach (JsonNode? value in obj.Select(p => p.Value).ToList())
                {
                    ApplyDefaults(value, valueSchema);
                }

                break;
            case JsonArray array when schema["items"] is JsonObject itemSchema:
                foreach (JsonNode? item in array)
                {
                    ApplyDefaults(item, itemSchema);
                }

                break;
        }
    }

    private static void PruneNode(JsonNode? node, JsonObject schema, string path, List<string> unknown)
    {
        switch (node)
        {
            case JsonObject obj:
                PruneObject(obj, schema, path, unknown, root: false);
                break;
            case JsonArray array when schema["items"] is JsonObject itemSchema:
                for (int i = 0; i < array.Count; i++)
                {
                    PruneNode(array[i], itemSchema, $"{path}[{i}]", unknown);
                }

                break;
        }
    }

    private static void PruneObject(JsonObject obj, JsonObject schema, string path, List<string> unknown, bool root)
    {
        bool preserve = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() ?? false;
        JsonObject? props = schema["properties"] as JsonObject;
        JsonObject? additional = schema["additionalProperties"] as JsonObject;
        foreach (string name in obj.Select(p => p.Key).ToList())
        {
            string childPath = path.Length == 0 ? name : $"{path}.{name}";
            if (root && RootFields.Contains(name))
            {
                continue;
            }

            if (props?[name] is JsonObject propSchema)
            {
                PruneNode(obj[name], propSchema, childPath, unknown);
            }
            else if (additional is not null)
            {
                PruneNode(obj[name], additional, childPath, unknown);
            }
            else if (!preserve && schema["additionalProperties"]?.GetValueKind() != System.Text.Json.JsonValueKind.True)
            {
                obj.Remove(name);
                unknown.Add(childPath);
            }
        }
    }
}
