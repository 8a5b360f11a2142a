using System.Globalization;
using System.Text;
using Honeydipper.Core.Values;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>Go's fmt verbs for integers and floats.</summary>
internal static partial class GoFmt
{
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
