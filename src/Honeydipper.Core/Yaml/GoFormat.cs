using System.Globalization;
using System.Text;

namespace Honeydipper.Core.Yaml;

/// <summary>Number formatting as Go's strconv and fmt do it for float64 values.</summary>
public static class GoFormat
{
    /// <summary>
    /// Go's <c>strconv.FormatFloat(f, 'g', -1, 64)</c>, which is also what <c>%v</c> prints: the shortest digits that
    /// round-trip, in exponent form when the exponent is below -4 or at least 6 (3 → "3", 1e6 → "1e+06").
    /// </summary>
    public static string FormatFloat(double value) => Format(value, exponentThreshold: 6);

    /// <summary>Go's <c>strconv.FormatFloat(f, 'g', -1, 32)</c>: the shortest digits that round-trip as a float32.</summary>
    public static string FormatFloat32(float value) => Format(value, exponentThreshold: 6, single: true);

    /// <summary>Go's encoding/json form of a float64: exponent form only below 1e-6 or from 1e21 up.</summary>
    public static string JsonFloat(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        double abs = Math.Abs(value);
        if (abs < 1e-6 || abs >= 1e21)
        {
            string text = Format(value, exponentThreshold: 0);
            // encoding/json writes e-07 as e-7.
            int e = text.IndexOf('e', StringComparison.Ordinal);
            if (e >= 0 && text.Length - e == 4 && text[e + 2] == '0')
            {
                text = string.Concat(text.AsSpan(0, e + 2), text.AsSpan(e + 3));
            }

            return text;
        }

        // encoding/json's 'f' form: the shortest digits, never an exponent in this range (1e-06 prints 0.000001).
        return Format(value, exponentThreshold: 21, smallExponent: false);
    }

    private static string Format(double value, int exponentThreshold, bool smallExponent = true, bool single = false)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        (string digits, int pointPosition) = ShortestDigits(single
            ? Math.Abs((float)value).ToString("R", CultureInfo.InvariantCulture)
            : Math.Abs(value).ToString("R", CultureInfo.InvariantCulture));
        int exponent = pointPosition - 1;
        StringBuilder sb = new();
        if (value < 0)
        {
            sb.Append('-');
        }

        if ((smallExponent && exponent < -4) || exponent >= exponentThreshold)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1)
            {
                sb.Append('.').Append(digits, 1, digits.Length - 1);
            }

            sb.Append('e').Append(exponent < 0 ? '-' : '+');
            sb.Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (pointPosition <= 0)
        {
            sb.Append("0.").Append('0', -pointPosition).Append(digits);
        }
        else if (pointPosition >= digits.Length)
        {
            sb.Append(digits).Append('0', pointPosition - digits.Length);
        }
        else
        {
            sb.Append(digits, 0, pointPosition).Append('.').Append(digits, pointPosition, digits.Length - pointPosition);
        }

        return sb.ToString();
    }

    /// <summary>The shortest round-trip decimal digits of a positive number and where its decimal point goes.</summary>
    private static (string Digits, int PointPosition) ShortestDigits(string r)
    {
        int exponent = 0;
        int e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }

        int dot = r.IndexOf('.', StringComparison.Ordinal);
        string digits = dot >= 0 ? string.Concat(r.AsSpan(0, dot), r.AsSpan(dot + 1)) : r;
        int point = (dot >= 0 ? dot : r.Length) + exponent;
        int leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits = digits[leadingZeros..].TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, point - leadingZeros);
    }
}
