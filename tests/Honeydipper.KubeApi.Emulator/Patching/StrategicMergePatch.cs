using System.Text.Json.Nodes;

namespace Honeydipper.KubeApi.Emulator.Patching;

/// <summary>
/// Strategic merge patch for the built-in kinds: lists of objects with a patch merge key (containers by name,
/// ports, env, volumes, ownerReferences by uid, conditions by type ...) merge element by element, primitive
/// lists with the merge strategy (finalizers) take the union, other lists replace. Understands the directives
/// kubectl apply sends: $patch (replace, delete, merge), $retainKeys, $setElementOrder/ and
/// $deleteFromPrimitiveList/.
/// </summary>
internal static class StrategicMergePatch
{
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["env"] = "name",
        ["volumes"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["imagePullSecrets"] = "name",
        ["secrets"] = "name",
        ["ownerReferences"] = "uid",
        ["conditions"] = "type",
        ["hostAliases"] = "ip",
        ["topologySpreadConstraints"] = "topologyKey",
    };

    private static readonly HashSet<string> PrimitiveMergeLists = ["finalizers"];

    public static JsonNode? Apply(JsonNode? original, JsonNode? patch) =>
        original is JsonObject o && patch is JsonObject p ? MergeMap(o, p) : patch?.DeepClone();

    private static JsonObject? MergeMap(JsonObject original, JsonObject patch)
    {
        string? directive = patch["$patch"]?.GetValue<string>();
        if (directive == "delete")
        {
            return null;
        }

        if (directive == "replace")
        {
            return StripDirectives(patch);
        }

        JsonObject result = (JsonObject)original.DeepClone();
        foreach ((string key, JsonNode? value) in patch)
        {
            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                string field = key["$deleteFromPrimitiveList/".Length..];
                if (result[field] is JsonArray list && value is JsonArray remove)
                {
                    result[field] = new JsonArray([.. list.Where(i => !remove.Any(r => JsonNode.DeepEquals(r, i))).Select(i => i?.DeepClone())]);
                }

                continue;
            }

            if (key.StartsWith('$'))
            {
                continue;
            }

            if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonObject childPatch)
            {
                JsonObject? merged = MergeMap(result[key] as JsonObject ?? [], childPatch);
                if (merged is null)
                {
                    result.Remove(key);
                }
                else
                {
                    result[key] = merged;
                }
            }
            else if (value is JsonArray listPatch)
            {
                result[key] = MergeList(key, result[key] as JsonArray, listPatch);
            }
            else
            {
                result[key] = value.DeepClone();
            }
        }

        foreach ((string key, JsonNode? order) in patch.Where(p => p.Key.StartsWith("$setElementOrder/", StringComparison.Ordinal)))
        {
            string field = key["$setElementOrder/".Length..];
            if (result[field] is JsonArray list && order is JsonArray wanted)
            {
                result[field] = Reorder(field, list, wanted);
            }
        }

        if (patch["$retainKeys"] is JsonArray retain)
        {
            HashSet<string> keep = [.. retain.Select(k => k!.GetValue<string>())];
            foreach (string key in result.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            {
                result.Remove(key);
            }
        }

        return result;
    }

    private static JsonArray MergeList(string field, JsonArray? original, JsonArray patch)
    {
        if (patch.Any(e => e is JsonObject o && o["$patch"]?.GetValue<string>() == "replace"))
        {
            return new JsonArray([.. patch.Where(e => !(e is JsonObject o && o.ContainsKey("$patch"))).Select(e => e is JsonObject o ? StripDirectives(o) : e?.DeepClone())]);
        }

        string? mergeKey = MergeKeyFor(field, patch, original);
        if (mergeKey is null)
        {
            if (PrimitiveMergeLists.Contains(field))
            {
                JsonArray union = original is null ? [] : (JsonArray)original.DeepClone();
                foreach (JsonNode? item in patch.Where(i => !union.Any(u => JsonNode.DeepEquals(u, i))))
                {
                    union.Add(item?.DeepClone());
                }

                return union;
            }

            return (JsonArray)patch.DeepClone();
        }

        List<JsonNode?> result = original is null ? [] : [.. original.Select(e => e?.DeepClone())];
        foreach (JsonObject element in patch.OfType<JsonObject>())
        {
            JsonNode? id = element[mergeKey];
            int at = result.FindIndex(e => e is JsonObject o && JsonNode.DeepEquals(o[mergeKey], id));
            if (element["$patch"]?.GetValue<string>() == "delete")
            {
                if (at >= 0)
                {
                    result.RemoveAt(at);
                }
            }
            else if (at >= 0)
            {
                result[at] = MergeMap((JsonObject)result[at]!, element);
            }
            else
            {
                result.Add(StripDirectives(element));
            }
        }

        return new JsonArray([.. result]);
    }

    /// <summary>ports merge by containerPort in a container and by port in a Service; the elements tell which.</summary>
    private static string? MergeKeyFor(string field, JsonArray patch, JsonArray? original)
    {
        if (field == "ports")
        {
            IEnumerable<JsonNode?> all = original is null ? patch : patch.Concat(original);
            return all.OfType<JsonObject>().Any(o => o.ContainsKey("containerPort")) ? "containerPort" : "port";
        }

        return MergeKeys.GetValueOrDefault(field);
    }

    private static JsonArray Reorder(string field, JsonArray list, JsonArray wanted)
    {
        string? key = MergeKeyFor(field, wanted, list);
        JsonNode? Id(JsonNode? n) => key is null ? n : n?[key];
        List<JsonNode?> ordered = [];
        foreach (JsonNode? w in wanted)
        {
            JsonNode? match = list.FirstOrDefault(e => JsonNode.DeepEquals(Id(e), Id(w)));
            if (match is not null || list.Any(e => e is null))
            {
                ordered.Add(match?.DeepClone());
            }
        }

        ordered.AddRange(list.Where(e => !wanted.Any(w => JsonNode.DeepEquals(Id(e), Id(w)))).Select(e => e?.DeepClone()));
        return new JsonArray([.. ordered]);
    }

    private static JsonObject StripDirectives(JsonObject obj)
    {
        JsonObject clean = [];
        foreach ((string key, JsonNode? value) in obj.Where(p => !p.Key.StartsWith('$')))
        {
            clean[key] = value is JsonObject child ? StripDirectives(child) : value?.DeepClone();
        }

        return clean;
    }
}
