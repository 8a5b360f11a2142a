using System.Globalization;
using System.Text;
using Honeydipper.Core.Values;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>
/// Go's fmt for template data: <see cref="Sprint"/>, <see cref="Sprintln"/> and <see cref="Sprintf"/> with the verbs,
/// flags, widths and precisions configurations use, and Go's error forms (<c>%!d(string=x)</c>, <c>%!s(MISSING)</c>,
/// <c>%!(EXTRA int=1)</c>). Lists and maps apply the verb to each element, as Go does.
/// </summary>
internal static class GoFmt
{
    /// <summary>Go's <c>fmt.Sprint</c>: a space between operands when neither is a string.</summary>
    public static string Sprint(object?[] args)
    {
        StringBuilder sb = new();
        for (int i = 0; i < args.Length; i++)
        {
            if (i > 0 && args[i] is not string && args[i - 1] is not string)
            {
                sb.Append(' ');
            }

            GoValueFormatter.Append(sb, args[i]);
        }

        return sb.ToString();
    }

    /// <summary>Go's <c>fmt.Sprintln</c>: spaces between all operands and a final newline.</summary>
    public static string Sprintln(object?[] args)
    {
        StringBuilder sb = new();
        for (int i = 0; i < args.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            GoValueFormatter.Append(sb, args[i]);
        }

        return sb.Append('\n').ToString();
    }

    private record struct Spec(bool Plus, bool Minus, bool Sharp, bool Zero, bool Space, int Width, int Precision);

    public static string Sprintf(string format, object?[] args)
    {
        StringBuilder sb = new();
        int argNum = 0;
        int i = 0;
        while (i < format.Length)
        {
            int pct = format.IndexOf('%', i);
            if (pct < 0)
            {
                sb.Append(format, i, format.Length - i);
                break;
            }

            sb.Append(format, i, pct - i);
            i = pct + 1;
            Spec spec = new(false, false, false, false, false, -1, -1);
            for (; i < format.Length; i++)
            {
                char f = format[i];
                if (f == '+')
                {
                    spec.Plus = true;
                }
                else if (f == '-')
                {
                    spec.Minus = true;
                    spec.Zero = false;
                }
                else if (f == '#')
                {
                    spec.Sharp = true;
                }
                else if (f == '0')
                {
                    spec.Zero = !spec.Minus;
                }
                else if (f == ' ')
                {
                    spec.Space = true;
                }
                else
                {
                    break;
                }
            }

            if (i < format.Length && format[i] == '*')
            {
                i++;
                if (argNum < args.Length && args[argNum] is int w)
                {
                    spec.Width = Math.Abs(w);
                    spec.Minus |= w < 0;
                    argNum++;
                }
                else
                {
                    sb.Append("%!(BADWIDTH)");
                    argNum++;
                }
            }
            else
            {
                spec.Width = ReadNumber(format, ref i);
            }

            if (i < format.Length && format[i] == '.')
            {
                i++;
                if (i < format.Length && format[i] == '*')
                {
                    i++;
                    if (argNum < args.Length && args[argNum] is int p && p >= 0)
                    {
                        spec.Precision = p;
                    }
                    else
                    {
                        sb.Append("%!(BADPREC)");
                    }

                    argNum++;
                }
                else
                {
                    spec.Precision = Math.Max(0, ReadNumber(format, ref i));
                }
            }

            if (i >= format.Length)
            {
                sb.Append("%!(NOVERB)");
                break;
            }

            char verb = format[i];
            if (char.IsHighSurrogate(verb) && i + 1 < format.Length)
            {
                i++;
            }

            i++;
            if (verb == '%')
            {
                sb.Append('%');
                continue;
            }

            if (argNum >= args.Length)
            {
                sb.Append("%!").Append(verb).Append("(MISSING)");
                continue;
            }

            FormatArg(sb, args[argNum++], verb, spec, 0);
        }

        if (argNum < args.Length)
        {
            sb.Append("%!(EXTRA ");
            for (int k = argNum; k < args.Length; k++)
            {
                if (k > argNum)
                {
                    sb.Append(", ");
                }

                if (args[k] is null)
                {
                    sb.Append("<nil>");
                }
                else
                {
                    sb.Append(GoTypes.TypeName(args[k])).Append('=');
                    GoValueFormatter.Append(sb, args[k]);
                }
            }

            sb.Append(')');
        }

        return sb.ToString();
    }

    private static int ReadNumber(string s, ref int i)
    {
        int start = i;
        int n = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]) && n < 1_000_000)
        {
            n = (n * 10) + (s[i] - '0');
            i++;
        }

        return i == start ? -1 : n;
    }

    private static void FormatArg(StringBuilder sb, object? arg, char verb, Spec spec, int depth)
    {
        if (verb == 'T')
        {
            Pad(sb, GoTypes.TypeName(arg), spec);
            return;
        }

        switch (arg)
        {
            case null:
                if (verb == 'v')
                {
                    Pad(sb, "<nil>", spec);
                }
                else
                {
                    sb.Append("%!").Append(verb).Append("(<nil>)");
                }

                return;
            case bool b:
                if (verb is 'v' or 't')
                {
                    Pad(sb, b ? "true" : "false", spec);
                }
                else
                {
                    BadVerb(sb, verb, arg);
                }

                return;
            case string s:
                FormatString(sb, s, verb, spec, arg);
                return;
            case int or long or short or sbyte:
                FormatInteger(sb, Convert.ToInt64(arg, CultureInfo.InvariantCulture), false, verb, spec, arg);
                return;
            case byte or ushort or uint or ulong:
                ulong u = Convert.ToUInt64(arg, CultureInfo.InvariantCulture);
                FormatInteger(sb, unchecked((long)u), true, verb, spec, arg);
                return;
            case double d:
                FormatFloat(sb, d, verb, spec, arg);
                return;
            case float f:
                FormatFloat(sb, f, verb, spec, arg);
                return;
            case TimeSpan duration when verb is 'd' or 'x' or 'X' or 'o' or 'b':
                FormatInteger(sb, GoDuration.FromTimeSpan(duration), false, verb, spec, arg);
                return;
            case IList<object?> list when depth < 100:
                sb.Append('[');
                for (int k = 0; k < list.Count; k++)
                {
                    if (k > 0)
                    {
                        sb.Append(' ');
                    }

                    FormatArg(sb, list[k], verb, spec, depth + 1);
                }

                sb.Append(']');
                return;
            case IDictionary<string, object?> map when depth < 100:
                sb.Append("map[");
                bool first = true;
                foreach (string key in GoValueFormatter.SortedKeys(map.Keys))
                {
                    if (!first)
                    {
                        sb.Append(' ');
                    }

                    first = false;
                    FormatArg(sb, key, verb, spec, depth + 1);
                    sb.Append(':');
                    FormatArg(sb, map[key], verb, spec, depth + 1);
                }

                sb.Append(']');
                return;
        }

        // Types with a String method (time, duration, versions): Go prints String() for v, s, q, x and X.
        if (verb is 'v' or 's' or 'q' or 'x' or 'X')
        {
            FormatString(sb, GoValueFormatter.Format(arg), verb, spec, arg);
            return;
        }

        BadVerb(sb, verb, arg);
    }

    private static void BadVerb(StringBuilder sb, char verb, object? arg)
    {
        sb.Append("%!").Append(verb).Append('(');
        if (arg is null)
        {
            sb.Append("<nil>");
        }
        else
        {
            sb.Append(GoTypes.TypeName(arg)).Append('=');
            GoValueFormatter.Append(sb, arg);
        }

        sb.Append(')');
    }

    private static void Pad(StringBuilder sb, string s, Spec spec, bool zeroAllowed = false)
    {
        int runes = s.EnumerateRunes().Count();
        if (spec.Width <= runes)
        {
            sb.Append(s);
            return;
        }

        int padding = spec.Width - runes;
        if (spec.Minus)
        {
            sb.Append(s).Append(' ', padding);
        }
        else if (spec.Zero && zeroAllowed)
        {
            int signEnd = s.Length > 0 && (s[0] == '-' || s[0] == '+' || s[0] == ' ') ? 1 : 0;
            sb.Append(s, 0, signEnd).Append('0', padding).Append(s, signEnd, s.Length - signEnd);
        }
        else
        {
            sb.Append(' ', padding).Append(s);
        }
    }

    private static void FormatString(StringBuilder sb, string s, char verb, Spec spec, object? arg)
    {
        string text = s;
        if (spec.Precision >= 0 && verb is 'v' or 's' or 'q' or 'x' or 'X')
        {
            text = new string([.. s.EnumerateRunes().Take(spec.Precision).SelectMany(r => r.ToString())]);
        }

        switch (verb)
        {
            case 'v' or 's':
                Pad(sb, text, spec);
                return;
            case 'q':
                Pad(sb, spec.Sharp && !text.Contains('`', StringComparison.Ordinal) && text.All(c => c == '\t' || !char.IsControl(c))
                    ? "`" + text + "`"
                    : GoStrings.Quote(text), spec);
                return;
            case 'x' or 'X':
                byte[] bytes = Encoding.UTF8.GetBytes(s);
                if (spec.Precision >= 0 && spec.Precision < bytes.Length)
                {
                    bytes = bytes[..spec.Precision];
                }

                StringBuilder hex = new();
                for (int k = 0; k < bytes.Length; k++)
                {
                    if (spec.Space && k > 0)
                    {
                        hex.Append(' ');
                    }

                    if (spec.Sharp && (spec.Space || k == 0))
                    {
                        hex.Append(verb == 'x' ? "0x" : "0X");
                    }

                    hex.Append(bytes[k].ToString(verb == 'x' ? "x2" : "X2", CultureInfo.InvariantCulture));
                }

                Pad(sb, hex.ToString(), spec);
                return;
            default:
                BadVerb(sb, verb, arg);
                return;
        }
    }

    private static void FormatInteger(StringBuilder sb, long value, bool unsigned, char verb, Spec spec, object? arg)
    {
        bool negative = !unsigned && value < 0;
        ulong magnitude = unsigned ? unchecked((ulong)value) : negative ? unchecked((ulong)(-value)) : (ulong)value;
        string digits;
        string prefix = string.Empty;
        switch (verb)
        {
            case 'v' or 'd':
                digits = magnitude.ToString(CultureInfo.InvariantCulture);
                break;
            case 'b':
                digits = Convert.ToString(unchecked((long)magnitude), 2);
                prefix = spec.Sharp ? "0b" : string.Empty;
                break;
            case 'o' or 'O':
                digits = Convert.ToString(unchecked((long)magnitude), 8);
                prefix = verb == 'O' ? "0o" : spec.Sharp ? "0" : string.Empty;
                break;
            case 'x':
                digits = magnitude.ToString("x", CultureInfo.InvariantCulture);
                prefix = spec.Sharp ? "0x" : string.Empty;
                break;
            case 'X':
                digits = magnitude.ToString("X", CultureInfo.InvariantCulture);
                prefix = spec.Sharp ? "0X" : string.Empty;
                break;
            case 'c':
                Pad(sb, RuneString(value), spec);
                return;
            case 'q':
                Pad(sb, GoStrings.QuoteRune(value is >= 0 and <= 0x10FFFF ? (int)value : 0xFFFD), spec);
                return;
            case 'U':
                string u = "U+" + magnitude.ToString("X4", CultureInfo.InvariantCulture);
                if (spec.Sharp && value is >= 0 and <= 0x10FFFF && GoStrings.IsPrint((int)value))
                {
                    u += " '" + RuneString(value) + "'";
                }

                Pad(sb, u, spec);
                return;
            default:
                BadVerb(sb, verb, arg);
                return;
        }

        if (spec.Precision >= 0)
        {
            digits = digits.PadLeft(spec.Precision, '0');
            if (spec.Precision == 0 && magnitude == 0)
            {
                digits = string.Empty;
            }
        }

        string sign = negative ? "-" : spec.Plus ? "+" : spec.Space ? " " : string.Empty;
        Pad(sb, sign + prefix + digits, spec, zeroAllowed: spec.Precision < 0);
    }

    private static string RuneString(long value) =>
        value is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32((int)value) : "\uFFFD";

    private static void FormatFloat(StringBuilder sb, double value, char verb, Spec spec, object? arg)
    {
        string text;
        switch (verb)
        {
            case 'v' or 'g' or 'G':
                text = spec.Precision >= 0 ? GeneralPrecision(value, spec.Precision) : GoFormat.FormatFloat(value);
                if (verb == 'G')
                {
                    text = text.ToUpperInvariant();
                }

                break;
            case 'f' or 'F':
                text = double.IsFinite(value)
                    ? value.ToString("F" + (spec.Precision < 0 ? 6 : spec.Precision).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
                    : GoFormat.FormatFloat(value);
                break;
            case 'e' or 'E':
                text = double.IsFinite(value) ? Exponent(value, spec.Precision < 0 ? 6 : spec.Precision) : GoFormat.FormatFloat(value);
                if (verb == 'E')
                {
                    text = text.ToUpperInvariant();
                }

                break;
            default:
                BadVerb(sb, verb, arg);
                return;
        }

        if (!text.StartsWith('-') && !text.StartsWith('+'))
        {
            text = (spec.Plus ? "+" : spec.Space ? " " : string.Empty) + text;
        }
        else if (text.StartsWith('+') && !spec.Plus)
        {
            text = text[1..];
        }

        Pad(sb, text, spec, zeroAllowed: double.IsFinite(value));
    }

    /// <summary>C's %e: one digit, the fraction, and a two-digit (at least) signed exponent.</summary>
    private static string Exponent(double value, int precision)
    {
        string s = value.ToString("E" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        int e = s.IndexOf('E', StringComparison.Ordinal);
        string mantissa = s[..e];
        int exponent = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>%.Ng: N significant digits, exponent form when the exponent is below -4 or at least N.</summary>
    private static string GeneralPrecision(double value, int precision)
    {
        if (!double.IsFinite(value))
        {
            return GoFormat.FormatFloat(value);
        }

        precision = precision == 0 ? 1 : precision;
        if (value == 0)
        {
            return "0";
        }

        string e = value.ToString("E" + (precision - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        int exponent = int.Parse(e.AsSpan(e.IndexOf('E', StringComparison.Ordinal) + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (exponent < -4 || exponent >= precision)
        {
            string mantissa = e[..e.IndexOf('E', StringComparison.Ordinal)];
            if (mantissa.Contains('.', StringComparison.Ordinal))
            {
                mantissa = mantissa.TrimEnd('0').TrimEnd('.');
            }

            return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }

        string fixedText = value.ToString("F" + Math.Max(0, precision - 1 - exponent).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return fixedText.Contains('.', StringComparison.Ordinal) ? fixedText.TrimEnd('0').TrimEnd('.') : fixedText;
    }
}
