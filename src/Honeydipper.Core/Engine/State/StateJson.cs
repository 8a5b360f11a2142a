using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Honeydipper.Core.Engine.State;

/// <summary>
/// JSON for the engine's saved state. Unlike Go's encoding/json it keeps the kind of a number: a double is always
/// written with a decimal point or an exponent, and a number written without either reads back as an int (or a long),
/// so a context's <c>loop_count</c> is still an int after a restart and <c>eq .ctx.loop_count 0</c> still works.
/// </summary>
public static class StateJson
{
    public static string Serialize(object? value)
    {
        StringBuilder sb = new(256);
        Write(sb, value, 0);
        return sb.ToString();
    }

    /// <exception cref="JsonException">The text is not valid JSON.</exception>
    public static object? Deserialize(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 512 });
        return Read(doc.RootElement);
    }

    private static void Write(StringBuilder sb, object? value, int depth)
    {
        if (depth > Values.DataTree.MaxDepth)
        {
            throw new InvalidOperationException($"state nested deeper than {Values.DataTree.MaxDepth} levels (does a map contain itself?)");
        }

        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case string s:
                WriteString(sb, s);
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case int i:
                sb.Append(i);
                break;
            case long l:
                sb.Append(l);
                break;
            case short or byte or uint or ulong:
                sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case double or float or decimal:
                double d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsNaN(d) || double.IsInfinity(d))
                {
                    sb.Append("null");
                    break;
                }

                string text = d.ToString("R", CultureInfo.InvariantCulture);
                sb.Append(text);
                if (text.AsSpan().IndexOfAny(".eE") < 0)
                {
                    sb.Append(".0");
                }

                break;
            case Fragment fragment:
                sb.Append(fragment.Json);
                break;
            case IDictionary<string, object?> map:
                sb.Append('{');
                bool first = true;
                foreach ((string k, object? v) in map)
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    WriteString(sb, k);
                    sb.Append(':');
                    Write(sb, v, depth + 1);
                }

                sb.Append('}');
                break;
            case IList<object?> list:
                sb.Append('[');
                for (int i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    Write(sb, list[i], depth + 1);
                }

                sb.Append(']');
                break;
            case DateTimeOffset time:
                WriteString(sb, time.ToString("O", CultureInfo.InvariantCulture));
                break;
            default:
                // Other values (template-made times, durations) keep their Go %v text.
                WriteString(sb, Values.GoValueFormatter.Format(value));
                break;
        }
    }

    /// <summary>
    /// A JSON string. Quotes, backslashes, control characters and surrogates are escaped (so that text survives the
    /// UTF-8 of the store even when a surrogate is unpaired); everything else is written as it is, which is valid JSON
    /// and reads back the same.
    /// </summary>
    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        int start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c >= ' ' && c != '"' && c != '\\' && !char.IsSurrogate(c))
            {
                continue;
            }

            sb.Append(s, start, i - start);
            start = i + 1;
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }

        sb.Append(s, start, s.Length - start).Append('"');
    }

    /// <summary>JSON written before (a part of the state that did not change since), put in as it is.</summary>
    internal sealed record Fragment(string Json);

    private static object? Read(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => Number(e),
        JsonValueKind.Array => e.EnumerateArray().Select(Read).ToList(),
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => Read(p.Value), StringComparer.Ordinal),
        _ => null,
    };

    private static object Number(JsonElement e)
    {
        string raw = e.GetRawText();
        if (raw.AsSpan().IndexOfAny(".eE") >= 0)
        {
            return e.GetDouble();
        }

        // Each branch boxed on its own: a conditional mixing int, long and double would be typed double.
        return e.TryGetInt32(out int i) ? (object)i : e.TryGetInt64(out long l) ? (object)l : e.GetDouble();
    }
}
