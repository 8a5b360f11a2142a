using System.Globalization;
using System.Text;

namespace Honeydipper.Core.Values;

/// <summary>
/// Go's <c>time.Duration</c> text forms: <see cref="Parse"/> is <c>time.ParseDuration</c> (<c>1h30m</c>, <c>-1.5s</c>,
/// <c>300ms</c>) and <see cref="Format(long)"/> is <c>Duration.String</c> (<c>1m30s</c>, <c>1.5µs</c>). Durations are
/// counted in nanoseconds, as in Go; a <see cref="TimeSpan"/> holds 100 ns ticks, so sub-tick precision is dropped there.
/// </summary>
public static class GoDuration
{
    public const long Nanosecond = 1;
    public const long Microsecond = 1000 * Nanosecond;
    public const long Millisecond = 1000 * Microsecond;
    public const long Second = 1000 * Millisecond;
    public const long Minute = 60 * Second;
    public const long Hour = 60 * Minute;

    /// <summary>Parses a Go duration string into nanoseconds.</summary>
    /// <exception cref="FormatException">With Go's message, e.g. <c>time: unknown unit "d" in duration "1d"</c>.</exception>
    public static long Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out long value, out string? error) ? value : throw new FormatException(error);
    }

    public static bool TryParse(string text, out long nanoseconds) => TryParse(text, out nanoseconds, out _);

    public static TimeSpan ToTimeSpan(long nanoseconds) => TimeSpan.FromTicks(nanoseconds / 100);

    public static long FromTimeSpan(TimeSpan value) => value.Ticks * 100;

    /// <summary>Go's <c>Duration.String()</c>.</summary>
    public static string Format(TimeSpan value) => Format(FromTimeSpan(value));

    /// <summary>Go's <c>Duration.String()</c> of a number of nanoseconds.</summary>
    public static string Format(long nanoseconds)
    {
        if (nanoseconds == 0)
        {
            return "0s";
        }

        bool negative = nanoseconds < 0;
        ulong u = negative ? (ulong)-nanoseconds : (ulong)nanoseconds;
        StringBuilder sb = new();
        if (u < Second)
        {
            int precision;
            string unit;
            if (u < Microsecond)
            {
                precision = 0;
                unit = "ns";
            }
            else if (u < Millisecond)
            {
                precision = 3;
                unit = "µs";
            }
            else
            {
                precision = 6;
                unit = "ms";
            }

            sb.Append(Fraction(ref u, precision));
            sb.Insert(0, u.ToString(CultureInfo.InvariantCulture));
            sb.Append(unit);
        }
        else
        {
            string fraction = Fraction(ref u, 9);
            string seconds = (u % 60).ToString(CultureInfo.InvariantCulture) + fraction + "s";
            u /= 60;
            if (u > 0)
            {
                seconds = (u % 60).ToString(CultureInfo.InvariantCulture) + "m" + seconds;
                u /= 60;
                if (u > 0)
                {
                    seconds = u.ToString(CultureInfo.InvariantCulture) + "h" + seconds;
                }
            }

            sb.Append(seconds);
        }

        if (negative)
        {
            sb.Insert(0, '-');
        }

        return sb.ToString();
    }

    /// <summary>The fraction of v/10^precision without trailing zeros (".5"); v becomes the integer part.</summary>
    private static string Fraction(ref ulong v, int precision)
    {
        char[] digits = new char[precision];
        bool print = false;
        int w = precision;
        for (int i = 0; i < precision; i++)
        {
            ulong digit = v % 10;
            print = print || digit != 0;
            if (print)
            {
                digits[--w] = (char)('0' + digit);
            }

            v /= 10;
        }

        return print ? "." + new string(digits, w, precision - w) : string.Empty;
    }

    private static bool TryParse(string original, out long result, out string? error)
    {
        result = 0;
        error = null;
        string s = original;
        ulong d = 0;
        bool negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s == "0")
        {
            return true;
        }

        if (s.Length == 0)
        {
            error = $"time: invalid duration {GoQuote(original)}";
            return false;
        }

        while (s.Length > 0)
        {
            if (!(s[0] == '.' || char.IsAsciiDigit(s[0])))
            {
                error = $"time: invalid duration {GoQuote(original)}";
                return false;
            }

            int i = 0;
            ulong whole = 0;
            bool overflow = false;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                if (whole > (ulong.MaxValue - 9) / 10)
                {
                    overflow = true;
                }

                whole = (whole * 10) + (ulong)(s[i] - '0');
                i++;
            }

            bool pre = i > 0;
            if (overflow || whole > 1UL << 63)
            {
                error = $"time: invalid duration {GoQuote(original)}";
                return false;
            }

            ulong fraction = 0;
            double scale = 1;
            bool post = false;
            if (i < s.Length && s[i] == '.')
            {
                i++;
                int start = i;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    if (fraction <= (ulong.MaxValue - 9) / 10)
                    {
                        fraction = (fraction * 10) + (ulong)(s[i] - '0');
                        scale *= 10;
                    }

                    i++;
                }

                post = i > start;
            }

            if (!pre && !post)
            {
                error = $"time: invalid duration {GoQuote(original)}";
                return false;
            }

            int unitStart = i;
            while (i < s.Length && s[i] != '.' && !char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == unitStart)
            {
                error = $"time: missing unit in duration {GoQuote(original)}";
                return false;
            }

            string unitText = s[unitStart..i];
            ulong unit = unitText switch
            {
                "ns" => Nanosecond,
                "us" or "µs" or "μs" => Microsecond,
                "ms" => Millisecond,
                "s" => Second,
                "m" => Minute,
                "h" => Hour,
                _ => 0,
            };
            if (unit == 0)
            {
                error = $"time: unknown unit {GoQuote(unitText)} in duration {GoQuote(original)}";
                return false;
            }

            if (whole > (1UL << 63) / unit)
            {
                error = $"time: invalid duration {GoQuote(original)}";
                return false;
            }

            whole *= unit;
            if (fraction > 0)
            {
                whole += (ulong)(fraction * (unit / scale));
                if (whole > 1UL << 63)
                {
                    error = $"time: invalid duration {GoQuote(original)}";
                    return false;
                }
            }

            d += whole;
            if (d > 1UL << 63)
            {
                error = $"time: invalid duration {GoQuote(original)}";
                return false;
            }

            s = s[i..];
        }

        if (negative)
        {
            result = -(long)d;
            return true;
        }

        if (d > long.MaxValue)
        {
            error = $"time: invalid duration {GoQuote(original)}";
            return false;
        }

        result = (long)d;
        return true;
    }

    private static string GoQuote(string s) => GoStrings.Quote(s);
}
