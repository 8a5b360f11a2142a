using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Resources;

namespace Honeydipper.KubeApi.Emulator.Api;

/// <summary>
/// Server-side printing (meta.k8s.io/v1 Table) for kubectl get: Name, the CRD's additionalPrinterColumns (Age when
/// it defines none), date columns turned into ages, and the object as PartialObjectMetadata or in full.
/// </summary>
internal static class TableConverter
{
    public static JsonObject Convert(ResourceType type, IEnumerable<JsonObject> objects, string includeObject, DateTimeOffset now, string? resourceVersion, bool withColumns = true)
    {
        List<JsonObject> columns = Columns(type);
        JsonArray rows = [];
        foreach (JsonObject obj in objects)
        {
            JsonArray cells = [];
            foreach (JsonObject column in columns)
            {
                cells.Add(Cell(obj, column, now));
            }

            JsonObject row = new() { ["cells"] = cells };
            if (includeObject == "Object")
            {
                row["object"] = obj.DeepClone();
            }
            else if (includeObject != "None")
            {
                row["object"] = new JsonObject { ["kind"] = "PartialObjectMetadata", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = obj["metadata"]?.DeepClone() };
            }

            rows.Add(row);
        }

        JsonArray definitions = withColumns
            ? new JsonArray([.. columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c["name"]?.DeepClone(),
                ["type"] = c["type"]?.GetValue<string>() == "date" ? "date" : c["type"]?.DeepClone(),
                ["format"] = c["format"]?.DeepClone() ?? "",
                ["description"] = c["description"]?.DeepClone() ?? "",
                ["priority"] = c["priority"]?.DeepClone() ?? 0,
            })])
            : [];
        JsonObject metadata = resourceVersion is null ? [] : new JsonObject { ["resourceVersion"] = resourceVersion };
        return new JsonObject { ["kind"] = "Table", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = metadata, ["columnDefinitions"] = definitions, ["rows"] = rows };
    }

    private static List<JsonObject> Columns(ResourceType type)
    {
        List<JsonObject> columns = [new JsonObject
        {
            ["name"] = "Name", ["type"] = "string", ["format"] = "name", ["jsonPath"] = ".metadata.name",
            ["description"] = "Name must be unique within a namespace.",
        }];
        IEnumerable<JsonObject> extra = type.PrinterColumns.Count > 0 ? type.PrinterColumns : [new JsonObject
        {
            ["name"] = "Age", ["type"] = "date", ["jsonPath"] = ".metadata.creationTimestamp",
            ["description"] = "CreationTimestamp is a timestamp representing the server time when this object was created.",
        }];
        columns.AddRange(extra);
        return columns;
    }

    private static JsonNode? Cell(JsonObject obj, JsonObject column, DateTimeOffset now)
    {
        IReadOnlyList<JsonNode?> found = JsonPathLite.Evaluate(obj, column["jsonPath"]?.GetValue<string>() ?? "");
        JsonNode? value = found.Count > 0 ? found[0] : null;
        if (value is null)
        {
            return null;
        }

        if (column["type"]?.GetValue<string>() == "date" && DateTimeOffset.TryParse(JsonPathLite.Text(value), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out DateTimeOffset at))
        {
            return HumanDuration(now - at);
        }

        return value is JsonValue ? value.DeepClone() : JsonPathLite.Text(value);
    }

    /// <summary>apimachinery's duration.HumanDuration, so ages read as kubectl users expect ("5m", "3h12m", "2d").</summary>
    public static string HumanDuration(TimeSpan d)
    {
        if (d < TimeSpan.FromSeconds(-1))
        {
            return "<invalid>";
        }

        if (d < TimeSpan.Zero)
        {
            return "0s";
        }

        long seconds = (long)d.TotalSeconds;
        long minutes = (long)d.TotalMinutes;
        long hours = (long)d.TotalHours;
        return seconds switch
        {
            < 120 => $"{seconds}s",
            _ when minutes < 10 => seconds % 60 == 0 ? $"{minutes}m" : $"{minutes}m{seconds % 60}s",
            _ when minutes < 180 => $"{minutes}m",
            _ when hours < 8 => minutes % 60 == 0 ? $"{hours}h" : $"{hours}h{minutes % 60}m",
            _ when hours < 48 => $"{hours}h",
            _ when hours < 24 * 8 => hours % 24 == 0 ? $"{hours / 24}d" : $"{hours / 24}d{hours % 24}h",
            _ when hours < 24 * 365 * 2 => $"{hours / 24}d",
            _ when hours < 24 * 365 * 8 => $"{hours / 24 / 365}y{hours / 24 % 365}d",
            _ => $"{hours / 24 / 365}y",
        };
    }
}
