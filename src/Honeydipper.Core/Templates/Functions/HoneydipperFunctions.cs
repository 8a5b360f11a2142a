using Honeydipper.Core.Values;
using Honeydipper.Core.Yaml;
using static Honeydipper.Core.Templates.Functions.Fn;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>
/// Honeydipper's own template functions (pkg/dipper/interpolation.go). Its <c>now</c> and <c>duration</c> are shadowed by
/// sprig's in the original (sprig is added later), so only <c>fromPath</c>, <c>ISO8601</c>, <c>toYaml</c> and <c>return</c>
/// are visible.
/// </summary>
internal static class HoneydipperFunctions
{
    public static IEnumerable<TemplateFunction> Own() =>
    [
        F("fromPath", [A, S], a => DataPath.TryGet(a[0], (string)a[1]!, out object? v)
            ? v
            : throw new InvalidOperationException($"map error: path not valid: {(string)a[1]!}")),
        SprigDates.Now(),
        F("duration", [S], a => GoDuration.ToTimeSpan(GoDuration.Parse((string)a[0]!))),
        F("ISO8601", [T], a => GoTimeLayout.Format((DateTimeOffset)a[0]!, GoTimeLayout.RFC3339)),
        F("toYaml", [A], a => ToYaml(a[0])),
    ];

    /// <summary>Honeydipper's <c>return</c>: the template's result becomes the argument, typed.</summary>
    public static IEnumerable<TemplateFunction> Return() =>
    [
        C("return", [A], null, (c, a) =>
        {
            c.SetReturn(a[0]);
            return string.Empty;
        }),
    ];

    /// <summary>ghodss/yaml.Marshal: the value goes through JSON first, so it looks the way its JSON form reads as YAML.</summary>
    private static string ToYaml(object? value) => GoYaml.Serialize(GoJson.Deserialize(GoJson.Serialize(value)));
}
