using Honeydipper.Core.Values;
using static Honeydipper.Core.Templates.Functions.Fn;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>sprig's defaults, JSON, <c>ternary</c>, <c>deepCopy</c> and <c>fail</c>.</summary>
internal static class SprigDefaults
{
    public static IEnumerable<TemplateFunction> All() =>
    [
        V("default", [A], A, a => a.Length == 1 || Empty(a[1]) ? a[0] : a[1]),
        F("empty", [A], a => Empty(a[0])),
        V("coalesce", [], A, a => a.FirstOrDefault(v => !Empty(v))),
        V("all", [], A, a => a.All(v => !Empty(v))),
        V("any", [], A, a => a.Any(v => !Empty(v))),
        F("fromJson", [S], a => TryFromJson((string)a[0]!)),
        F("mustFromJson", [S], a => GoJson.Deserialize((string)a[0]!)),
        F("toJson", [A], a => TryToJson(a[0], escapeHtml: true, indent: null)),
        F("mustToJson", [A], a => GoJson.Serialize(a[0])),
        F("toPrettyJson", [A], a => TryToJson(a[0], escapeHtml: true, indent: "  ")),
        F("mustToPrettyJson", [A], a => GoJson.Serialize(a[0], indent: "  ")),
        F("toRawJson", [A], a => GoJson.Serialize(a[0], escapeHtml: false)),
        F("mustToRawJson", [A], a => GoJson.Serialize(a[0], escapeHtml: false)),
        F("ternary", [A, A, B], a => (bool)a[2]! ? a[0] : a[1]),
        F("deepCopy", [A], a => DeepCopy(a[0])),
        F("mustDeepCopy", [A], a => DeepCopy(a[0])),
        F("fail", [S], a => throw new InvalidOperationException((string)a[0]!)),
    ];

    /// <summary>sprig's <c>empty</c>: nil, zero numbers, false, and empty strings, lists and maps.</summary>
    public static bool Empty(object? v) => v switch
    {
        null => true,
        string s => s.Length == 0,
        bool b => !b,
        int i => i == 0,
        long l => l == 0,
        double d => d == 0,
        float f => f == 0,
        byte b => b == 0,
        uint u => u == 0,
        ulong u => u == 0,
        short s => s == 0,
        TimeSpan t => t == TimeSpan.Zero,
        IList<object?> l => l.Count == 0,
        IDictionary<string, object?> m => m.Count == 0,
        IReadOnlyDictionary<string, object?> m => m.Count == 0,
        byte[] b => b.Length == 0,
        _ => false,
    };

    private static object? TryFromJson(string json)
    {
        try
        {
            return GoJson.Deserialize(json);
        }
        catch (FormatException)
        {
            // sprig's fromJson swallows errors and returns nil.
            return null;
        }
    }

    private static string TryToJson(object? v, bool escapeHtml, string? indent)
    {
        try
        {
            return GoJson.Serialize(v, escapeHtml, indent);
        }
        catch (NotSupportedException)
        {
            return string.Empty;
        }
    }

    /// <summary>copystructure.Copy: maps and lists copied deeply, keeping their Go types.</summary>
    private static object? DeepCopy(object? v)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        return DeepCopyValue(v);
    }

    private static object? DeepCopyValue(object? v) => v switch
    {
        GoStringMap sm => Copy(sm, new GoStringMap()),
        IDictionary<string, object?> m => Copy(m, new Dictionary<string, object?>(StringComparer.Ordinal)),
        GoTypedList tl => new GoTypedList(tl.ElementType, tl.Select(DeepCopy)),
        IList<object?> l => l.Select(DeepCopy).ToList(),
        byte[] b => b.ToArray(),
        _ => v,
    };

    private static T Copy<T>(IDictionary<string, object?> from, T to)
        where T : IDictionary<string, object?>
    {
        foreach (KeyValuePair<string, object?> pair in from)
        {
            to[pair.Key] = DeepCopy(pair.Value);
        }

        return to;
    }
}
