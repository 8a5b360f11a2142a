using System.Text.Json.Nodes;

namespace Honeydipper.KubeApi.Emulator.Validation;

/// <summary>One field error, printed the way apimachinery's field.Error prints itself.</summary>
internal sealed record FieldError(string Field, string Reason, string Detail)
{
    public override string ToString() => $"{Field}: {Detail}";

    public static FieldError Required(string field, string detail = "") =>
        new(field, "FieldValueRequired", detail.Length == 0 ? "Required value" : $"Required value: {detail}");

    public static FieldError Invalid(string field, JsonNode? value, string detail) =>
        new(field, "FieldValueInvalid", $"Invalid value: {Show(value)}: {detail}");

    public static FieldError NotSupported(string field, JsonNode? value, IEnumerable<JsonNode?> supported) =>
        new(field, "FieldValueNotSupported", $"Unsupported value: {Show(value)}: supported values: {string.Join(", ", supported.Select(Show))}");

    public static FieldError Forbidden(string field, string detail) => new(field, "FieldValueForbidden", $"Forbidden: {detail}");

    /// <summary>Values print as Go's %#v does for the JSON types: strings quoted, numbers and booleans bare.</summary>
    public static string Show(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.TryGetValue(out string? s) => $"\"{s}\"",
        JsonValue v => v.ToJsonString(),
        JsonObject => "\"object\"",
        JsonArray => "\"array\"",
        _ => value.ToJsonString(),
    };
}
