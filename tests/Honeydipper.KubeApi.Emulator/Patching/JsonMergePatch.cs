using System.Text.Json.Nodes;

namespace Honeydipper.KubeApi.Emulator.Patching;

/// <summary>RFC 7386: objects merge key by key, null deletes, everything else (lists included) replaces.</summary>
internal static class JsonMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        JsonObject result = target is JsonObject obj ? (JsonObject)obj.DeepClone() : [];
        foreach ((string key, JsonNode? value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else
            {
                JsonNode? merged = Apply(result[key], value);
                result[key] = merged;
            }
        }

        return result;
    }
}
