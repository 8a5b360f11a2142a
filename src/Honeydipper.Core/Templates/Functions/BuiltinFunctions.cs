using System.Text;
using Honeydipper.Core.Templates.Execution;
using Honeydipper.Core.Values;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>Go text/template's predefined functions (funcs.go), with Go's error messages.</summary>
internal static class BuiltinFunctions
{
    private static readonly GoParam[] One = [GoParam.Value];
    private static readonly GoParam[] Two = [GoParam.Value, GoParam.Value];

    /// <summary>Short-circuits in the evaluator; the body is never called.</summary>
    public static readonly TemplateFunction And = new("and", One, GoParam.Value, (_, _) => null);

    public static readonly TemplateFunction Or = new("or", One, GoParam.Value, (_, _) => null);

    /// <summary>Our data holds no functions, so <c>call</c> always fails, with Go's message (see <see cref="CallError"/>).</summary>
    public static readonly TemplateFunction Call = new("call", One, GoParam.Value, (_, _) => null);

    public static IEnumerable<TemplateFunction> All() =>
    [
        And,
        Or,
        Call,
        new("not", One, null, (_, a) => GoTruth.Box(!GoTruth.IsTrue(a[0]))),
        new("len", One, null, (_, a) => Length(a[0])),
        new("index", One, GoParam.Value, (_, a) => Index(a[0], a.AsSpan(1))),
        new("slice", One, GoParam.Value, (_, a) => Slice(a[0], a.AsSpan(1))),
        new("print", [], GoParam.Any, (_, a) => GoFmt.Sprint(a)),
        new("println", [], GoParam.Any, (_, a) => GoFmt.Sprintln(a)),
        new("printf", [GoParam.String], GoParam.Any, (_, a) => GoFmt.Sprintf((string)a[0]!, a[1..])),
        new("html", [], GoParam.Any, (_, a) => HtmlEscape(EvalArgs(a))),
        new("js", [], GoParam.Any, (_, a) => JsEscape(EvalArgs(a))),
        new("urlquery", [], GoParam.Any, (_, a) => Uri.EscapeDataString(EvalArgs(a)).Replace("%20", "+", StringComparison.Ordinal)
            .Replace("!", "%21", StringComparison.Ordinal).Replace("'", "%27", StringComparison.Ordinal)
            .Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal)
            .Replace("*", "%2A", StringComparison.Ordinal)),
        new("eq", One, GoParam.Value, (_, a) => GoTruth.Box(Comparison.Eq(a[0], a.AsSpan(1)))),
        new("ne", Two, null, (_, a) => GoTruth.Box(!Comparison.Eq(a[0], a.AsSpan(1)))),
        new("lt", Two, null, (_, a) => GoTruth.Box(Comparison.Lt(a[0], a[1]))),
        new("le", Two, null, (_, a) => GoTruth.Box(Comparison.Lt(a[0], a[1]) || Comparison.Eq(a[0], a.AsSpan(1)))),
        new("gt", Two, null, (_, a) => GoTruth.Box(!(Comparison.Lt(a[0], a[1]) || Comparison.Eq(a[0], a.AsSpan(1))))),
        new("ge", Two, null, (_, a) => GoTruth.Box(!Comparison.Lt(a[0], a[1]))),
    ];

    public static string CallError(string argument, object? fn) => fn is null or NoValue
        ? "error calling call: call of nil"
        : $"error calling call: non-function {argument} of type {GoTypes.TypeName(fn)}";

    private static int Length(object? item) => item switch
    {
        NoValue => throw new InvalidOperationException("reflect: call of reflect.Value.Type on zero Value"),
        null => throw new InvalidOperationException("len of nil pointer"),
        string s => GoStrings.Utf8Length(s),
        IList<object?> list => list.Count,
        IDictionary<string, object?> map => map.Count,
        IReadOnlyDictionary<string, object?> map => map.Count,
        byte[] bytes => bytes.Length,
        _ => throw new InvalidOperationException($"len of type {GoTypes.TypeName(item)}"),
    };

    private static int IndexArg(object? index, int cap)
    {
        long x = index switch
        {
            int i => i,
            long l => l,
            byte b => b,
            uint u => u,
            short s => s,
            ulong u => (long)u,
            NoValue or null => throw new InvalidOperationException("cannot index slice/array with nil"),
            _ => throw new InvalidOperationException($"cannot index slice/array with type {GoTypes.TypeName(index)}"),
        };
        if (x < 0 || x > cap)
        {
            throw new InvalidOperationException($"index out of range: {x}");
        }

        return (int)x;
    }

    private static object? Index(object? item, ReadOnlySpan<object?> indexes)
    {
        if (item is NoValue or null)
        {
            throw new InvalidOperationException("index of untyped nil");
        }

        foreach (object? raw in indexes)
        {
            object? index = raw is NoValue ? null : raw;
            switch (item)
            {
                case null or NoValue:
                    throw new InvalidOperationException("index of nil pointer");
                case IList<object?> list:
                    int i = IndexArg(index, list.Count);
                    item = i == list.Count ? throw new InvalidOperationException($"index out of range: {i}") : list[i];
                    break;
                case string s:
                    byte[] bytes = Encoding.UTF8.GetBytes(s);
                    int b = IndexArg(index, bytes.Length);
                    item = b == bytes.Length ? throw new InvalidOperationException($"index out of range: {b}") : bytes[b];
                    break;
                case byte[] rawBytes:
                    int k = IndexArg(index, rawBytes.Length);
                    item = k == rawBytes.Length ? throw new InvalidOperationException($"index out of range: {k}") : rawBytes[k];
                    break;
                case IDictionary<string, object?> or IReadOnlyDictionary<string, object?>:
                    if (index is not string key)
                    {
                        throw new InvalidOperationException(index is null
                            ? "value is nil; should be of type string"
                            : $"value has type {GoTypes.TypeName(index)}; should be string");
                    }

                    object? found = null;
                    bool ok = item is IDictionary<string, object?> d ? d.TryGetValue(key, out found)
                        : ((IReadOnlyDictionary<string, object?>)item).TryGetValue(key, out found);
                    // A missing key yields the map element type's zero value: nil for interface{}, "" for map[string]string.
                    item = ok ? found : item is GoStringMap ? string.Empty : null;
                    break;
                default:
                    throw new InvalidOperationException($"can't index item of type {GoTypes.TypeName(item)}");
            }
        }

        return item;
    }

    private static object? Slice(object? item, ReadOnlySpan<object?> indexes)
    {
        if (item is NoValue or null)
        {
            throw new InvalidOperationException("slice of untyped nil");
        }

        if (indexes.Length > 3)
        {
            throw new InvalidOperationException($"too many slice indexes: {indexes.Length}");
        }

        int len = item switch
        {
            string s => GoStrings.Utf8Length(s),
            IList<object?> l => l.Count,
            _ => throw new InvalidOperationException($"can't slice item of type {GoTypes.TypeName(item)}"),
        };
        if (item is string && indexes.Length == 3)
        {
            throw new InvalidOperationException("cannot 3-index slice a string");
        }

        int[] idx = [0, len, len];
        for (int i = 0; i < indexes.Length; i++)
        {
            idx[i] = IndexArg(indexes[i] is NoValue ? null : indexes[i], len);
        }

        if (idx[0] > idx[1])
        {
            throw new InvalidOperationException($"invalid slice index: {idx[0]} > {idx[1]}");
        }

        if (indexes.Length == 3 && idx[1] > idx[2])
        {
            throw new InvalidOperationException($"invalid slice index: {idx[1]} > {idx[2]}");
        }

        return item switch
        {
            string s => GoStrings.ByteSlice(s, idx[0], idx[1]),
            GoTypedList typed => new GoTypedList(typed.ElementType, typed.Skip(idx[0]).Take(idx[1] - idx[0])),
            IList<object?> list => list.Skip(idx[0]).Take(idx[1] - idx[0]).ToList(),
            _ => null,
        };
    }

    /// <summary>Go's evalArgs for html/js/urlquery: a lone string as is, otherwise Sprint with nils printed as "&lt;no value&gt;".</summary>
    private static string EvalArgs(object?[] args)
    {
        if (args.Length == 1 && args[0] is string s)
        {
            return s;
        }

        object?[] printable = new object?[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            printable[i] = args[i] is null or NoValue ? "<no value>" : args[i];
        }

        return GoFmt.Sprint(printable);
    }

    private static readonly System.Buffers.SearchValues<char> HtmlSpecial = System.Buffers.SearchValues.Create("'\"&<>\0");

    private static string HtmlEscape(string s)
    {
        if (s.AsSpan().IndexOfAny(HtmlSpecial) < 0)
        {
            return s;
        }

        StringBuilder sb = new(s.Length + 16);
        foreach (char c in s)
        {
            sb.Append(c switch
            {
                '\0' => "\uFFFD",
                '"' => "&#34;",
                '\'' => "&#39;",
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    private static string JsEscape(string s)
    {
        StringBuilder sb = new(s.Length + 16);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '\\': sb.Append("\\\\"); continue;
                case '\'': sb.Append("\\'"); continue;
                case '"': sb.Append("\\\""); continue;
                case '<': sb.Append("\\u003C"); continue;
                case '>': sb.Append("\\u003E"); continue;
                case '&': sb.Append("\\u0026"); continue;
                case '=': sb.Append("\\u003D"); continue;
            }

            if (c < ' ')
            {
                sb.Append("\\u00").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (c < 0x80)
            {
                sb.Append(c);
            }
            else
            {
                int rune = c;
                if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    rune = char.ConvertToUtf32(c, s[++i]);
                }

                sb.Append(GoStrings.IsPrint(rune)
                    ? char.ConvertFromUtf32(rune)
                    : "\\u" + rune.ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }
}
