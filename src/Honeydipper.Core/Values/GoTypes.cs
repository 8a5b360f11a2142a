using System.Text.RegularExpressions;

namespace Honeydipper.Core.Values;

/// <summary>The Go type and kind names of our values, as <c>%T</c> and <c>reflect.Kind.String()</c> print them.</summary>
public static class GoTypes
{
    public const string Interface = "interface {}";
    public const string Map = "map[string]interface {}";
    public const string List = "[]interface {}";

    /// <summary>Go's <c>%T</c> of the value (<c>&lt;nil&gt;</c> for null).</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "<nil>",
        string => "string",
        bool => "bool",
        int => "int",
        long => "int64",
        double => "float64",
        float => "float32",
        byte => "uint8",
        sbyte => "int8",
        short => "int16",
        ushort => "uint16",
        uint => "uint32",
        ulong => "uint64",
        byte[] => "[]uint8",
        GoTypedList typed => "[]" + typed.ElementType,
        IList<object?> => List,
        GoStringMap => "map[string]string",
        IDictionary<string, object?> or IReadOnlyDictionary<string, object?> => Map,
        DateTimeOffset => "time.Time",
        TimeSpan => "time.Duration",
        Regex => "*regexp.Regexp",
        IGoValue go => go.GoTypeName,
        _ => value.GetType().Name,
    };

    /// <summary>Go's <c>reflect.ValueOf(v).Kind().String()</c> (<c>invalid</c> for null).</summary>
    public static string KindName(object? value) => value switch
    {
        null => "invalid",
        string => "string",
        bool => "bool",
        int => "int",
        long or TimeSpan => "int64",
        double => "float64",
        float => "float32",
        byte => "uint8",
        sbyte => "int8",
        short => "int16",
        ushort => "uint16",
        uint => "uint32",
        ulong => "uint64",
        byte[] or IList<object?> => "slice",
        IDictionary<string, object?> or IReadOnlyDictionary<string, object?> => "map",
        DateTimeOffset => "struct",
        Regex => "ptr",
        IGoValue go => go.GoKind,
        _ => "struct",
    };
}
