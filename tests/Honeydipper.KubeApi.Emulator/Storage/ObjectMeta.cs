using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Honeydipper.KubeApi.Emulator.Validation;

namespace Honeydipper.KubeApi.Emulator.Storage;

/// <summary>Reads and writes of metadata fields on stored JSON objects, and the name rules of apimachinery.</summary>
internal static partial class ObjectMeta
{
    private const string Subdomain = @"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private const string Label = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject meta)
        {
            meta = [];
            obj["metadata"] = meta;
        }

        return meta;
    }

    public static string? Str(JsonObject obj, string field) => obj["metadata"]?[field]?.GetValue<string>();

    public static List<string> Finalizers(JsonObject obj) =>
        obj["metadata"]?["finalizers"] is JsonArray list ? [.. list.Select(f => f?.GetValue<string>() ?? "")] : [];

    public static bool IsDeleting(JsonObject obj) => Str(obj, "deletionTimestamp") is not null;

    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Field errors for metadata.name: DNS-1123 subdomain, or label for namespaces.</summary>
    public static IEnumerable<FieldError> ValidateName(string name, bool labelOnly)
    {
        if (name.Length == 0)
        {
            yield return FieldError.Required("metadata.name", "name or generateName is required");
            yield break;
        }

        if (labelOnly)
        {
            if (name.Length > 63 || !LabelRegex().IsMatch(name))
            {
                yield return FieldError.Invalid("metadata.name", name, $"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '{Label}')");
            }
        }
        else if (name.Length > 253 || !SubdomainRegex().IsMatch(name))
        {
            yield return FieldError.Invalid("metadata.name", name, $"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '{Subdomain}')");
        }
    }

    /// <summary>generateName gets five characters from the alphabet apimachinery uses (no vowels, no look-alikes).</summary>
    public static string Generate(string prefix)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        char[] suffix = new char[5];
        for (int i = 0; i < suffix.Length; i++)
        {
            suffix[i] = alphabet[Random.Shared.Next(alphabet.Length)];
        }

        return prefix + new string(suffix);
    }

    /// <summary>The object without metadata and status: what metadata.generation counts changes of.</summary>
    public static JsonObject SpecPart(JsonObject obj)
    {
        JsonObject copy = (JsonObject)obj.DeepClone();
        copy.Remove("metadata");
        copy.Remove("status");
        copy.Remove("apiVersion");
        copy.Remove("kind");
        return copy;
    }

    [GeneratedRegex("^" + Subdomain + "$")]
    private static partial Regex SubdomainRegex();

    [GeneratedRegex("^" + Label + "$")]
    private static partial Regex LabelRegex();
}
