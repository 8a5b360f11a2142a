using System.Globalization;
using System.Text;

namespace Honeydipper.Core.Yaml;

/// <summary>
/// Block-style YAML in go-yaml v2's layout: keys in natural order, sequences under a key not indented, strings plain
/// unless they would read back as another type (then double-quoted) or hold a newline (then a literal block).
/// </summary>
internal static class GoYamlWriter
{
    public static string Write(object? value)
    {
        StringBuilder sb = new();
        switch (value)
        {
            case IDictionary<string, object?> { Count: > 0 } map:
                WriteMap(sb, map, 0);
                break;
            case IList<object?> { Count: > 0 } list:
                WriteList(sb, list, 0);
                break;
            default:
                sb.Append(Scalar(value, 0)).Append('\n');
                break;
        }

        return sb.ToString();
    }

    private static void WriteMap(StringBuilder sb, IDictionary<string, object?> map, int indent)
    {
        bool first = true;
        foreach (string key in map.Keys.Order(NaturalComparer.Instance))
        {
            if (!first)
            {
                sb.Append(' ', indent);
            }

            first = false;
            sb.Append(Scalar(key, indent)).Append(':');
            WriteValueAfterKey(sb, map[key], indent);
        }
    }

    private static void WriteValueAfterKey(StringBuilder sb, object? value, int indent)
    {
        switch (value)
        {
            case IDictionary<string, object?> { Count: > 0 } child:
                sb.Append('\n').Append(' ', indent + 2);
                WriteMap(sb, child, indent + 2);
                break;
            case IList<object?> { Count: > 0 } list:
                sb.Append('\n').Append(' ', indent);
                WriteList(sb, list, indent);
                break;
            default:
                sb.Append(' ').Append(Scalar(value, indent)).Append('\n');
                break;
        }
    }

    private static void WriteList(StringBuilder sb, IList<object?> list, int indent)
    {
        bool first = true;
        foreach (object? item in list)
        {
            if (!first)
            {
                sb.Append(' ', indent);
            }

            first = false;
            sb.Append("- ");
            switch (item)
            {
                case IDictionary<string, object?> { Count: > 0 } map:
                    WriteMap(sb, map, indent + 2);
                    break;
                case IList<object?> { Count: > 0 } inner:
                    WriteList(sb, inner, indent + 2);
                    break;
                default:
                    sb.Append(Scalar(item, indent)).Append('\n');
                    break;
            }
        }
    }

    private static string Scalar(object? value, int indent) => value switch
    {
        null => "null",
        bool flag => flag ? "true" : "false",
        double number => Number(number),
        float number => Number(number),
        int or long or short or byte or uint or ulong => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        decimal number => Number((double)number),
        string text => Text(text, indent),
        IDictionary<string, object?> => "{}",
        IList<object?> => "[]",
        _ => Text(value.ToString() ?? string.Empty, indent),
    };

    private static string Number(double number) =>
        number == Math.Floor(number) && Math.Abs(number) < 9.2e18
            ? ((long)number).ToString(CultureInfo.InvariantCulture)
            : GoFormat.FormatFloat(number);

    private static string Text(string text, int indent)
    {
        if (text.Contains('\n', StringComparison.Ordinal))
        {
            StringBuilder block = new(text.EndsWith('\n') ? "|" : "|-");
            foreach (string line in text.TrimEnd('\n').Split('\n'))
            {
                block.Append('\n');
                if (line.Length > 0)
                {
                    block.Append(' ', indent + 2).Append(line);
                }
            }

            return block.ToString();
        }

        if (ScalarResolver.ResolvePlain(text) is not string || text.Length == 0)
        {
            return DoubleQuoted(text);
        }

        return NeedsQuotes(text) ? "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'" : text;
    }

    private static bool NeedsQuotes(string text)
    {
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || "-?:,[]{}#&*!|>'\"%@`".Contains(text[0], StringComparison.Ordinal))
        {
            return true;
        }

        return text.Contains(": ", StringComparison.Ordinal) || text.Contains(" #", StringComparison.Ordinal) || text.EndsWith(':')
            || text.Any(c => char.IsControl(c) && c != '\t');
    }

    private static string DoubleQuoted(string text)
    {
        StringBuilder sb = new("\"");
        foreach (char c in text)
        {
            _ = c switch
            {
                '"' => sb.Append("\\\""),
                '\\' => sb.Append("\\\\"),
                '\t' => sb.Append("\\t"),
                '\r' => sb.Append("\\r"),
                _ when char.IsControl(c) => sb.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture)),
                _ => sb.Append(c),
            };
        }

        return sb.Append('"').ToString();
    }
}
