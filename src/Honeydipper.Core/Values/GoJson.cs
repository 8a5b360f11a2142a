using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Values;

/// <summary>
/// JSON as Go's encoding/json writes and reads Honeydipper data: map keys sorted, <c>&lt; &gt; &amp;</c> escaped as
/// <c>\u003c</c> etc. (unless <c>escapeHtml</c> is off, as sprig's <c>toRawJson</c> does), floats in Go's JSON form,
/// and every number read back as a double.
/// </summary>
public static class GoJson
{
    private const string Hex = "0123456789abcdef";

    /// <summary>Go's <c>json.Marshal</c> (or <c>json.MarshalIndent(v, "", indent)</c> when an indent is given).</summary>
    /// <exception cref="NotSupportedException">NaN or infinite floats, as Go's "json: unsupported value: NaN".</exception>
    public static string Serialize(object? value, bool escapeHtml = true, string? indent = null)
    {
        StringBuilder sb = new();
        Write(sb, value, escapeHtml, indent, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value, bool escapeHtml, string? indent, int depth)
    {
        if (depth > 1_000)
        {
            // Go reports a cycle the same way once nesting passes 1000 levels.
            throw new NotSupportedException("json: unsupported value: encountered a cycle via " + GoTypes.TypeName(value));
        }

        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case string text:
                WriteString(sb, text, escapeHtml);
                break;
            case bool flag:
                sb.Append(flag ? "true" : "false");
                break;
            case double number:
                WriteFloat(sb, number);
                break;
            case float number:
                WriteFloat(sb, number);
                break;
            case int or long or byte or sbyte or short or ushort or uint or ulong:
                sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case TimeSpan duration:
                sb.Append(GoDuration.FromTimeSpan(duration).ToString(CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset time:
                WriteString(sb, GoTimeLayout.Format(time, GoTimeLayout.RFC3339Nano), escapeHtml);
                break;
            case byte[] bytes:
                sb.Append('"').Append(Convert.ToBase64String(bytes)).Append('"');
                break;
            case IList<object?> list:
                WriteList(sb, list, escapeHtml, indent, depth);
                break;
            case IDictionary<string, object?> map:
                WriteMap(sb, map.Keys, key => map[key], escapeHtml, indent, depth);
                break;
            case IReadOnlyDictionary<string, object?> map:
                WriteMap(sb, map.Keys, key => map[key], escapeHtml, indent, depth);
                break;
            case Regex:
                sb.Append("{}");
                break;
            case IGoValue go:
                WriteString(sb, go.GoString(), escapeHtml);
                break;
            default:
                WriteString(sb, value.ToString() ?? string.Empty, escapeHtml);
                break;
        }
    }

    private static void WriteFloat(StringBuilder sb, double number)
    {
        if (double.IsNaN(number) || double.IsInfinity(number))
        {
            throw new NotSupportedException("json: unsupported value: " + GoFormat.FormatFloat(number));
        }

        sb.Append(GoFormat.JsonFloat(number));
    }

    private static void NewLine(StringBuilder sb, string? indent, int depth)
    {
        if (indent is null)
        {
            return;
        }

        sb.Append('\n');
        for (int i = 0; i < depth; i++)
        {
            sb.Append(indent);
        }
    }

    private static void WriteList(StringBuilder sb, IList<object?> list, bool escapeHtml, string? indent, int depth)
    {
        sb.Append('[');
        for (int i = 0; i < list.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            NewLine(sb, indent, depth + 1);
            Write(sb, list[i], escapeHtml, indent, depth + 1);
        }

        if (list.Count > 0)
        {
            NewLine(sb, indent, depth);
        }

        sb.Append(']');
    }

    private static void WriteMap(
        StringBuilder sb, IEnumerable<string> keys, Func<string, object?> lookup, bool escapeHtml, string? indent, int depth)
    {
        string[] sorted = GoValueFormatter.SortedKeys(keys);
        sb.Append('{');
        for (int i = 0; i < sorted.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            NewLine(sb, indent, depth + 1);
            WriteString(sb, sorted[i], escapeHtml);
            sb.Append(indent is null ? ":" : ": ");
            Write(sb, lookup(sorted[i]), escapeHtml, indent, depth + 1);
        }

        if (sorted.Length > 0)
        {
            NewLine(sb, indent, depth);
        }

        sb.Append('}');
    }

    /// <summary>Writes a JSON string literal with Go's escaping.</summary>
    public static void WriteString(StringBuilder sb, string text, bool escapeHtml = true)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(text);
        sb.Append('"');
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); continue;
                case '\\': sb.Append("\\\\"); continue;
                case '\n': sb.Append("\\n"); continue;
                case '\r': sb.Append("\\r"); continue;
                case '\t': sb.Append("\\t"); continue;
                case '\b': sb.Append("\\b"); continue;
                case '\f': sb.Append("\\f"); continue;
                case '\u2028': sb.Append("\\u2028"); continue;
                case '\u2029': sb.Append("\\u2029"); continue;
            }

            if (c < 0x20 || (escapeHtml && (c == '<' || c == '>' || c == '&')))
            {
                sb.Append("\\u00").Append(Hex[c >> 4]).Append(Hex[c & 0xF]);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                // Go replaces invalid UTF-8 with U+FFFD; a lone surrogate is the UTF-16 equivalent.
                sb.Append("\\ufffd");
            }
            else
            {
                sb.Append(c);
            }
        }

        sb.Append('"');
    }

    /// <summary>Go's <c>json.Unmarshal</c> into <c>interface{}</c>: maps, lists, doubles, strings, bools and nulls.</summary>
    /// <exception cref="FormatException">The text is not one JSON value.</exception>
    public static object? Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        Utf8JsonReader reader = new(bytes, new JsonReaderOptions { MaxDepth = 10_000 });
        try
        {
            if (!reader.Read())
            {
                throw new FormatException("unexpected end of JSON input");
            }

            object? result = ReadValue(ref reader);
            if (reader.Read())
            {
                throw new FormatException($"invalid character after top-level value at byte {reader.TokenStartIndex}");
            }

            return result;
        }
        catch (JsonException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    private static object? ReadValue(ref Utf8JsonReader reader)
    {
        // An explicit stack rather than recursion, so deep input cannot overflow the call stack.
        Stack<(object Container, string? Key)> stack = new();
        object? root = null;
        string? pendingKey = null;
        do
        {
            object? value;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingKey = reader.GetString();
                    continue;
                case JsonTokenType.StartObject:
                    stack.Push((new Dictionary<string, object?>(StringComparer.Ordinal), pendingKey));
                    pendingKey = null;
                    continue;
                case JsonTokenType.StartArray:
                    stack.Push((new List<object?>(), pendingKey));
                    pendingKey = null;
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    (object container, string? key) = stack.Pop();
                    value = container;
                    pendingKey = key;
                    break;
                case JsonTokenType.String:
                    value = reader.GetString();
                    break;
                case JsonTokenType.Number:
                    if (!reader.TryGetDouble(out double number) || double.IsInfinity(number))
                    {
                        throw new FormatException(
                            $"json: cannot unmarshal number {Encoding.UTF8.GetString(reader.ValueSpan)} into Go value of type float64");
                    }

                    value = number;
                    break;
                case JsonTokenType.True:
                    value = true;
                    break;
                case JsonTokenType.False:
                    value = false;
                    break;
                default:
                    value = null;
                    break;
            }

            if (stack.Count == 0)
            {
                root = value;
                return root;
            }

            switch (stack.Peek().Container)
            {
                case Dictionary<string, object?> map:
                    map[pendingKey!] = value;
                    break;
                case List<object?> list:
                    list.Add(value);
                    break;
            }

            pendingKey = null;
        }
        while (reader.Read());

        throw new FormatException("unexpected end of JSON input");
    }
}
