using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Honeydipper.Kubernetes.Resources.Schema;
using k8s.Models;

namespace Honeydipper.Kubernetes.Resources.Generation;

/// <summary>
/// Builds structural OpenAPI v3 schemas from C# types: JSON names from [JsonPropertyName], descriptions from
/// [Description], validation from the DataAnnotations attributes ([Required], [AllowedValues], [Range],
/// [RegularExpression], [MinLength]/[MaxLength]) and defaults from [DefaultValue]. JsonElement is free-form
/// (x-kubernetes-preserve-unknown-fields). Properties are sorted ordinally so the output is deterministic.
/// </summary>
internal static class SchemaBuilder
{
    public static V1JSONSchemaProps ForType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return new V1JSONSchemaProps { Type = "string" };
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = type == typeof(int) ? "int32" : "int64" };
        }

        if (type == typeof(bool))
        {
            return new V1JSONSchemaProps { Type = "boolean" };
        }

        if (type == typeof(double) || type == typeof(float))
        {
            return new V1JSONSchemaProps { Type = "number" };
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return new V1JSONSchemaProps { Type = "string", Format = "date-time" };
        }

        if (type == typeof(JsonElement))
        {
            return new V1JSONSchemaProps { XKubernetesPreserveUnknownFields = true };
        }

        if (type == typeof(ResourceQuantity) || type == typeof(IntOrString))
        {
            return new V1JSONSchemaProps
            {
                AnyOf = [new V1JSONSchemaProps { Type = "integer" }, new V1JSONSchemaProps { Type = "string" }],
                XKubernetesIntOrString = true,
            };
        }

        if (DictionaryValueType(type) is Type valueType)
        {
            return new V1JSONSchemaProps { Type = "object", AdditionalProperties = ForType(valueType) };
        }

        if (ListItemType(type) is Type itemType)
        {
            return new V1JSONSchemaProps { Type = "array", Items = ForType(itemType) };
        }

        return ForObject(type);
    }

    /// <summary>The schema of a property: its type's schema plus what the property's attributes say.</summary>
    public static V1JSONSchemaProps ForProperty(PropertyInfo property, string jsonName)
    {
        V1JSONSchemaProps schema = ForType(property.PropertyType);
        bool isModel = property.DeclaringType?.Namespace == typeof(V1EnvVar).Namespace;
        schema.Description = isModel
            ? KubernetesFieldDocs.Lookup(property.DeclaringType!, jsonName).Description
            : property.GetCustomAttribute<DescriptionAttribute>()?.Description
                ?? throw new InvalidOperationException($"{property.DeclaringType?.Name}.{property.Name} has no [Description]: kubectl explain shows it");
        if (property.GetCustomAttribute<DefaultValueAttribute>() is { Value: not null } def)
        {
            schema.DefaultProperty = def.Value;
        }

        if (property.GetCustomAttribute<AllowedValuesAttribute>() is { } allowed)
        {
            schema.EnumProperty = [.. allowed.Values.Where(v => v is not null).Select(v => (object)v!)];
        }

        if (property.GetCustomAttribute<RegularExpressionAttribute>() is { } regex)
        {
            schema.Pattern = regex.Pattern;
        }

        if (property.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            schema.Minimum = Convert.ToDouble(range.Minimum, System.Globalization.CultureInfo.InvariantCulture);
            double max = Convert.ToDouble(range.Maximum, System.Globalization.CultureInfo.InvariantCulture);
            schema.Maximum = max >= int.MaxValue ? null : max;
        }

        bool isArray = schema.Type == "array";
        if (property.GetCustomAttribute<MinLengthAttribute>() is { } minLength)
        {
            _ = isArray ? schema.MinItems = minLength.Length : schema.MinLength = minLength.Length;
        }

        if (property.GetCustomAttribute<MaxLengthAttribute>() is { } maxLength)
        {
            _ = isArray ? schema.MaxItems = maxLength.Length : schema.MaxLength = maxLength.Length;
        }

        if (property.GetCustomAttribute<FormatAttribute>() is { } format)
        {
            schema.Format = format.Format;
        }

        return schema;
    }

    public static V1JSONSchemaProps ForObject(Type type)
    {
        SortedDictionary<string, V1JSONSchemaProps> properties = new(StringComparer.Ordinal);
        SortedSet<string> required = new(StringComparer.Ordinal);
        bool isModel = type.Namespace == typeof(V1EnvVar).Namespace;
        bool preserve = type.GetCustomAttribute<PreserveUnknownFieldsAttribute>() is not null;
        foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            if (property.GetCustomAttribute<JsonExtensionDataAttribute>() is not null)
            {
                preserve = true;
                continue;
            }

            string name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            properties[name] = ForProperty(property, name);
            bool isRequired = isModel ? KubernetesFieldDocs.Lookup(type, name).Required : property.GetCustomAttribute<RequiredAttribute>() is not null;
            if (isRequired)
            {
                required.Add(name);
            }
        }

        return new V1JSONSchemaProps
        {
            Type = "object",
            Properties = properties,
            Required = required.Count > 0 ? [.. required] : null,
            XKubernetesPreserveUnknownFields = preserve ? true : null,
        };
    }

    private static Type? DictionaryValueType(Type type)
    {
        Type? dict = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        return dict?.GetGenericArguments()[0] == typeof(string) ? dict.GetGenericArguments()[1] : null;
    }

    private static Type? ListItemType(Type type)
    {
        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        Type? enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }
}
