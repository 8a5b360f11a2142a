using System.Globalization;
using System.Numerics;
using System.Text;

namespace Honeydipper.Core.Templates.Parsing;

/// <summary>Go's <c>strconv.Unquote</c>/<c>UnquoteChar</c> and integer/float literal parsing, as the template parser uses them.</summary>
internal static class GoLiterals
{
    /// <summary>Unquotes a "..." or `...` literal; null when Go would answer "invalid syntax".</summary>
    public static string? Unquote(string quoted)
    {
        if (quoted.Length < 2)
        {
            return null;
        }

        char q = quoted[0];
        if (q != quoted[^1])
        {
            return null;
        }

        string body = quoted[1..^1];
        if (q == '`')
        {
            return body.Contains('`', StringComparison.Ordinal) ? null : body.Replace("\r", string.Empty, StringComparison.Ordinal);
        }

        if (q != '"' || body.Contains('\n', StringComparison.Ordinal))
        {
            return null;
        }

        if (!body.Contains('\\', StringComparison.Ordinal) && !body.Contains('"', StringComparison.Ordinal))
        {
            return body;
        }

        StringBuilder sb = new(body.Length);
        int i = 0;
        while (i < body.Length)
        {
            if (body[i] == '"')
            {
                return null;
            }

            if (!TryUnquoteChar(body, ref i, '"', sb))
            {
                return null;
            }
        }

        return sb.ToString();
    }

    /// <summary>The code point of a '.' character constant, or -1 when it is malformed.</summary>
    public static int UnquoteRune(string quoted)
    {
        if (quoted.Length < 3 || quoted[0] != '\'' || quoted[^1] != '\'')
        {
            return -1;
        }

        string body = quoted[1..^1];
        int i = 0;
        StringBuilder sb = new();
        if (!TryUnquoteChar(body, ref i, '\'', sb) || i != body.Length)
        {
            return -1;
        }

        string s = sb.ToString();
        return s.Length == 1 ? s[0] : s.Length == 2 && char.IsSurrogatePair(s[0], s[1]) ? char.ConvertToUtf32(s[0], s[1]) : -1;
    }

    private static bool TryUnquoteChar(string s, ref int i, char quote, StringBuilder sb)
    {
        char c = s[i];
        if (c == quote && quote == '\'')
        {
            return false;
        }

        if (c != '\\')
        {
            sb.Append(c);
            i++;
            return true;
        }

        if (i + 1 >= s.Length)
        {
            return false;
        }

        char e = s[i + 1];
        i += 2;
        switch (e)
        {
            case 'a': sb.Append('\a'); return true;
            case 'b': sb.Append('\b'); return true;
            case 'f': sb.Append('\f'); return true;
            case 'n': sb.Append('\n'); return true;
            case 'r': sb.Append('\r'); return true;
            case 't': sb.Append('\t'); return true;
            case 'v': sb.Append('\v'); return true;
            case '\\': sb.Append('\\'); return true;
            case '\'' or '"':
                if (e != quote)
                {
                    return false;
                }

                sb.Append(e);
                return true;
            case 'x' or 'u' or 'U':
                int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                if (i + n > s.Length || !int.TryParse(s.AsSpan(i, n), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int v))
                {
                    return false;
                }

                i += n;
                if (e == 'x')
                {
                    // \x is a byte; a single byte above 0x7f is not UTF-8, which Go keeps as is and prints as U+FFFD.
                    sb.Append(v < 0x80 ? (char)v : '\uFFFD');
                    return true;
                }

                if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
                {
                    return false;
                }

                sb.Append(char.ConvertFromUtf32(v));
                return true;
            case >= '0' and <= '7':
                if (i + 2 > s.Length)
                {
                    return false;
                }

                int o = e - '0';
                for (int k = 0; k < 2; k++)
                {
                    char d = s[i + k];
                    if (d < '0' || d > '7')
                    {
                        return false;
                    }

                    o = (o * 8) + (d - '0');
                }

                if (o > 255)
                {
                    return false;
                }

                i += 2;
                sb.Append(o < 0x80 ? (char)o : '\uFFFD');
                return true;
            default:
                return false;
        }
    }

    /// <summary>Go's <c>strconv.ParseInt(text, 0, 64)</c> (base prefixes, leading-zero octal, underscores).</summary>
    public static bool TryParseInt(string text, out long value)
    {
        value = 0;
        if (!TryParseMagnitude(text, out bool negative, out BigInteger magnitude))
        {
            return false;
        }

        BigInteger signed = negative ? -magnitude : magnitude;
        if (signed < long.MinValue || signed > long.MaxValue)
        {
            return false;
        }

        value = (long)signed;
        return true;
    }

    /// <summary>Go's <c>strconv.ParseUint(text, 0, 64)</c>.</summary>
    public static bool TryParseUint(string text, out ulong value)
    {
        value = 0;
        if (text.StartsWith('+') || text.StartsWith('-') || !TryParseMagnitude(text, out _, out BigInteger magnitude)
            || magnitude > ulong.MaxValue)
        {
            return false;
        }

        value = (ulong)magnitude;
        return true;
    }

    private static bool TryParseMagnitude(string text, out bool negative, out BigInteger magnitude)
    {
        magnitude = BigInteger.Zero;
        negative = false;
        string s = text;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        int radix = 10;
        bool prefixed = false;
        if (s.Length > 1 && s[0] == '0')
        {
            char p = char.ToLowerInvariant(s[1]);
            (radix, prefixed) = p switch
            {
                'x' => (16, true),
                'o' => (8, true),
                'b' => (2, true),
                _ => (8, false),
            };
            s = prefixed ? s[2..] : s[1..];
            if (!prefixed)
            {
                // A leading zero means octal, and the zero itself is a digit ("0_7" is allowed).
                s = "0" + s;
            }
        }

        if (s.Length == 0)
        {
            return false;
        }

        bool lastUnderscore = prefixed;
        bool any = false;
        foreach (char c in s)
        {
            if (c == '_')
            {
                if (lastUnderscore && !(prefixed && !any))
                {
                    return false;
                }

                lastUnderscore = true;
                continue;
            }

            int d = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'z' => c - 'a' + 10,
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => 99,
            };
            if (d >= radix)
            {
                return false;
            }

            magnitude = (magnitude * radix) + d;
            lastUnderscore = false;
            any = true;
        }

        return any && !lastUnderscore;
    }

    /// <summary>Go's <c>strconv.ParseFloat(text, 64)</c> for the literals the lexer lets through (decimal and hex floats).</summary>
    public static bool TryParseFloat(string text, out double value)
    {
        value = 0;
        string s = text.Replace("_", string.Empty, StringComparison.Ordinal);
        bool negative = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s.Length > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        {
            if (!TryParseHexFloat(s[2..], out value))
            {
                return false;
            }
        }
        else
        {
            if (s.Length == 0 || s.Any(c => !(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-'))
                || !s.Any(char.IsAsciiDigit)
                || !double.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)
                || double.IsInfinity(value))
            {
                return false;
            }
        }

        value = negative ? -value : value;
        return true;
    }

    private static bool TryParseHexFloat(string s, out double value)
    {
        value = 0;
        int p = s.IndexOfAny(['p', 'P']);
        string mantissa = p < 0 ? s : s[..p];
        int exponent = 0;
        if (p >= 0 && !int.TryParse(s.AsSpan(p + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
        {
            return false;
        }

        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        if (digits.Length == 0 || !digits.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        double m = 0;
        foreach (char c in digits)
        {
            m = (m * 16) + int.Parse(c.ToString(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }

        int fractionDigits = dot < 0 ? 0 : mantissa.Length - dot - 1;
        value = m * Math.Pow(2, exponent - (4 * fractionDigits));
        return !double.IsInfinity(value);
    }
}
