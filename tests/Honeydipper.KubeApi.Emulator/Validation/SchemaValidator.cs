using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Honeydipper.KubeApi.Emulator.Validation;

/// <summary>
/// Validates a custom resource against its CRD's openAPIV3Schema with the checks and messages of kube-openapi as
/// kube-apiserver reports them: types, required, enum, pattern, bounds, lengths and item counts.
/// </summary>
internal static class SchemaValidator
{
    private static readonly HashSet<string> RootFields = ["apiVersion", "kind", "metadata"];

    public static List<FieldError> Validate(JsonObject obj, JsonObject schema)
    {
        List<FieldError> errors = [];
        Check(obj, schema, "", errors, root: true);
        return errors;
    }

    private static void Check(JsonNode? node, JsonObject schema, string path, List<FieldError> errors, bool root = false)
    {
        string? type = schema["type"]?.GetValue<string>();
        bool intOrString = schema["x-kubernetes-int-or-string"]?.GetValue<bool>() ?? false;
        string actual = TypeOf(node);
        if (node is null)
        {
            if (!(schema["nullable"]?.GetValue<bool>() ?? false) && type is not null)
            {
                errors.Add(FieldError.Invalid(path, "null", $"{path} in body must be of type {type}: \"null\""));
            }

            return;
        }

        if (intOrString)
        {
            if (actual is not ("integer" or "string"))
            {
                errors.Add(FieldError.Invalid(path, actual, $"{path} in body must be of type integer,string: \"{actual}\""));
                return;
            }
        }
        else if (type is not null && type != actual && !(type == "number" && actual == "integer"))
        {
            errors.Add(FieldError.Invalid(path, actual, $"{path} in body must be of type {type}: \"{actual}\""));
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, node)))
        {
            errors.Add(FieldError.NotSupported(path, node, allowed));
        }

        switch (node)
        {
            case JsonObject obj:
                CheckObject(obj, schema, path, errors, root);
                break;
            case JsonArray array:
                CheckArray(array, schema, path, errors);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                CheckString(value.GetValue<string>(), node, schema, path, errors);
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                CheckNumber(value.GetValue<double>(), node, schema, path, errors);
                break;
        }
    }

    private static void CheckObject(JsonObject obj, JsonObject schema, string path, List<FieldError> errors, bool root)
    {
        if (schema["required"] is JsonArray required)
        {
            foreach (string name in required.Select(r => r!.GetValue<string>()))
            {
                if (!obj.ContainsKey(name))
                {
                    errors.Add(FieldError.Required(Join(path, name)));
                }
            }
        }

        JsonObject? props = schema["properties"] as JsonObject;
        foreach ((string name, JsonNode? child) in obj)
        {
            if (root && RootFields.Contains(name))
            {
                continue;
            }

            if (props?[name] is JsonObject propSchema)
            {
                Check(child, propSchema, Join(path, name), errors);
            }
            else if (schema["additionalProperties"] is JsonObject valueSchema)
            {
                Check(child, valueSchema, Join(path, name), errors);
            }
        }

        Count(obj.Count, schema, "Properties", "properties", obj, path, errors);
    }

    private static void CheckArray(JsonArray array, JsonObject schema, string path, List<FieldError> errors)
    {
        if (schema["items"] is JsonObject itemSchema)
        {
            for (int i = 0; i < array.Count; i++)
            {
                Check(array[i], itemSchema, $"{path}[{i}]", errors);
            }
        }

        if (schema["maxItems"] is JsonNode max && array.Count > max.GetValue<long>())
        {
            errors.Add(new FieldError(path, "FieldValueTooMany", $"Too many: {array.Count}: must have at most {max.GetValue<long>()} items"));
        }

        if (schema["minItems"] is JsonNode min && array.Count < min.GetValue<long>())
        {
            errors.Add(FieldError.Invalid(path, array.Count, $"{path} in body should have at least {min.GetValue<long>()} items"));
        }
    }

    private static void CheckString(string text, JsonNode node, JsonObject schema, string path, List<FieldError> errors)
    {
        if (schema["maxLength"] is JsonNode max && text.Length > max.GetValue<long>())
        {
            errors.Add(new FieldError(path, "FieldValueTooLong", $"Too long: may not be more than {max.GetValue<long>()} bytes"));
        }

        if (schema["minLength"] is JsonNode min && text.Length < min.GetValue<long>())
        {
            errors.Add(FieldError.Invalid(path, node, $"{path} in body should be at least {min.GetValue<long>()} chars long"));
        }

        if (schema["pattern"] is JsonNode pattern && !Regex.IsMatch(text, pattern.GetValue<string>(), RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add(FieldError.Invalid(path, node, $"{path} in body should match '{pattern.GetValue<string>()}'"));
        }

        if (schema["format"]?.GetValue<string>() == "date-time" &&
            !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            errors.Add(FieldError.Invalid(path, node, $"{path} in body must be of type date-time: \"{text}\""));
        }
    }

    private static void CheckNumber(double number, JsonNode node, JsonObject schema, string path, List<FieldError> errors)
    {
        bool exclusiveMin = schema["exclusiveMinimum"]?.GetValue<bool>() ?? false;
        bool exclusiveMax = schema["exclusiveMaximum"]?.GetValue<bool>() ?? false;
        if (schema["minimum"] is JsonNode min && (exclusiveMin ? number <= min.GetValue<double>() : number < min.GetValue<double>()))
        {
            errors.Add(FieldError.Invalid(path, node, $"{path} in body should be greater than {(exclusiveMin ? "" : "or equal to ")}{min.ToJsonString()}"));
        }

        if (schema["maximum"] is JsonNode max && (exclusiveMax ? number >= max.GetValue<double>() : number > max.GetValue<double>()))
        {
            errors.Add(FieldError.Invalid(path, node, $"{path} in body should be less than {(exclusiveMax ? "" : "or equal to ")}{max.ToJsonString()}"));
        }
    }

    private static void Count(int count, JsonObject schema, string suffix, string noun, JsonNode node, string path, List<FieldError> errors)
    {
        if (schema["max" + suffix] is JsonNode max && count > max.GetValue<long>())
        {
            errors.Add(FieldError.Invalid(path, node, $"{path} in body should have at most {max.GetValue<long>()} {noun}"));
        }

        if (schema["min" + suffix] is JsonNode min && count < min.GetValue<long>())
        {
            errors.Add(FieldError.Invalid(path, node, $"{path} in body should have at least {min.GetValue<long>()} {noun}"));
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    public static string TypeOf(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => v.ToJsonString().Contains('.', StringComparison.Ordinal) || v.ToJsonString().Contains('e', StringComparison.OrdinalIgnoreCase) ? "number" : "integer",
            _ => "null",
        },
        _ => "null",
    };
}
