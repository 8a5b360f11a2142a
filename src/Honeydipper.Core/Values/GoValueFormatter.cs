using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Values;

/// <summary>
/// Go's <c>%v</c> / <c>%+v</c> printing of Honeydipper data: <c>map[a:1 b:2]</c> with keys sorted, <c>[a b]</c>,
/// <c>&lt;nil&gt;</c>, floats in Go's shortest form (<c>3</c>, <c>1e+06</c>). Our data holds no structs, so
/// <c>%+v</c> prints the same as <c>%v</c>.
/// </summary>
public static class GoValueFormatter
{
    /// <summary>Go's <c>fmt.Sprintf("%v", value)</c>.</summary>
    public static string Format(object? value)
    {
        switch (value)
        {
            case string text:
                return text;
            case null:
                return "<nil>";
            case bool flag:
                return flag ? "true" : "false";
            case int number:
                return number.ToString(CultureInfo.InvariantCulture);
            case long number:
                return number.ToString(CultureInfo.InvariantCulture);
            case double number:
                return GoFormat.FormatFloat(number);
        }

        StringBuilder sb = new();
        Append(sb, value);
        return sb.ToString();
    }

    /// <summary>Go's <c>fmt.Sprintf("%+v", value)</c>; identical to <see cref="Format"/> for data without structs.</summary>
    public static string FormatPlus(object? value) => Format(value);

    /// <summary>Appends Go's <c>%v</c> of the value.</summary>
    public static void Append(StringBuilder sb, object? value)
    {
        ArgumentNullException.ThrowIfNull(sb);
        switch (value)
        {
            case null:
                sb.Append("<nil>");
                break;
            case string text:
                sb.Append(text);
                break;
            case bool flag:
                sb.Append(flag ? "true" : "false");
                break;
            case double number:
                sb.Append(GoFormat.FormatFloat(number));
                break;
            case float number:
                sb.Append(FormatFloat32(number));
                break;
            case int or long or byte or sbyte or short or ushort or uint or ulong:
                sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset time:
                sb.Append(GoTimeLayout.Format(time, GoTimeLayout.GoString));
                break;
            case TimeSpan duration:
                sb.Append(GoDuration.Format(duration));
                break;
            case byte[] bytes:
                AppendList(sb, bytes.Select(b => (object?)b).ToList());
                break;
            case IList<object?> list:
                AppendList(sb, list);
                break;
            case IDictionary<string, object?> map:
                AppendMap(sb, map.Keys, key => map[key]);
                break;
            case IReadOnlyDictionary<string, object?> map:
                AppendMap(sb, map.Keys, key => map[key]);
                break;
            case Regex regex:
                sb.Append(regex.ToString());
                break;
            case IGoValue go:
                sb.Append(go.GoString());
                break;
            default:
                sb.Append(value.ToString());
                break;
        }
    }

    private static void AppendList(StringBuilder sb, IList<object?> list)
    {
        // Data can be cyclic (a template may `set` a map into itself); fail cleanly instead of overflowing the stack.
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        sb.Append('[');
        for (int i = 0; i < list.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            Append(sb, list[i]);
        }

        sb.Append(']');
    }

    private static void AppendMap(StringBuilder sb, IEnumerable<string> keys, Func<string, object?> lookup)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        sb.Append("map[");
        bool first = true;
        foreach (string key in SortedKeys(keys))
        {
            if (!first)
            {
                sb.Append(' ');
            }

            first = false;
            sb.Append(key).Append(':');
            Append(sb, lookup(key));
        }

        sb.Append(']');
    }

    /// <summary>Map keys in the order Go's fmt and text/template use (fmtsort: byte-wise for strings).</summary>
    public static string[] SortedKeys(IEnumerable<string> keys)
    {
        string[] sorted = keys.ToArray();
        Array.Sort(sorted, CompareUtf8);
        return sorted;
    }

    /// <summary>Orders strings by their UTF-8 bytes, as Go compares strings.</summary>
    public static int CompareUtf8(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return string.CompareOrdinal(x, y);
        }

        int n = Math.Min(x.Length, y.Length);
        for (int i = 0; i < n; i++)
        {
            char a = x[i];
            char b = y[i];
            if (a == b)
            {
                continue;
            }

            // UTF-16 order differs from UTF-8 order only where surrogates meet U+E000..U+FFFF.
            if (char.IsSurrogate(a) != char.IsSurrogate(b) && Math.Max(a, b) >= 0xE000)
            {
                return char.IsSurrogate(a) ? 1 : -1;
            }

            return a < b ? -1 : 1;
        }

        return x.Length.CompareTo(y.Length);
    }

    private static string FormatFloat32(float number) =>
        GoFormat.FormatFloat(double.Parse(number.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
}
