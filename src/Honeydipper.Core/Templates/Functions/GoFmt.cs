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
internal static partial class GoFmt
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
}
