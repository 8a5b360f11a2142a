using System.Globalization;
using System.Text;

namespace Honeydipper.Core.Values;

/// <summary>
/// Go's reference-time layouts (<c>"2006-01-02T15:04:05Z07:00"</c>): <see cref="Format"/> is <c>Time.Format</c> and
/// <see cref="Parse"/> is <c>time.ParseInLocation</c>. A <see cref="DateTimeOffset"/> carries no zone name, so <c>MST</c>
/// prints <c>UTC</c> at offset zero and the numeric offset (<c>+0200</c>) otherwise, which is what Go prints for a zone
/// without an abbreviation.
/// </summary>
public static class GoTimeLayout
{
    public const string RFC3339 = "2006-01-02T15:04:05Z07:00";
    public const string RFC3339Nano = "2006-01-02T15:04:05.999999999Z07:00";

    /// <summary>The layout of Go's <c>Time.String()</c>, which <c>%v</c> prints.</summary>
    public const string GoString = "2006-01-02 15:04:05.999999999 -0700 MST";

    private static readonly string[] LongDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] LongMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    internal enum Std
    {
        None,
        LongMonth,
        Month,
        NumMonth,
        ZeroMonth,
        LongWeekDay,
        WeekDay,
        Day,
        UnderDay,
        ZeroDay,
        UnderYearDay,
        ZeroYearDay,
        Hour,
        Hour12,
        ZeroHour12,
        Minute,
        ZeroMinute,
        Second,
        ZeroSecond,
        LongYear,
        Year,
        PM,
        pm,
        TZ,
        ISO8601TZ,
        ISO8601SecondsTZ,
        ISO8601ShortTZ,
        ISO8601ColonTZ,
        ISO8601ColonSecondsTZ,
        NumTZ,
        NumSecondsTz,
        NumShortTZ,
        NumColonTZ,
        NumColonSecondsTZ,
        FracSecond0,
        FracSecond9,
    }

    /// <summary>Names a month as Go's <c>time.Month.String()</c> does.</summary>
    public static string MonthName(int month) => LongMonths[month - 1];

    /// <summary>Names a weekday as Go's <c>time.Weekday.String()</c> does.</summary>
    public static string DayName(DayOfWeek day) => LongDays[(int)day];

    public static string Format(DateTimeOffset time, string layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        StringBuilder sb = new(layout.Length + 10);
        int i = 0;
        while (i < layout.Length)
        {
            (int start, Std std, int length, int fracDigits) = NextChunk(layout, i);
            sb.Append(layout, i, start - i);
            if (std == Std.None)
            {
                break;
            }

            AppendStd(sb, time, std, layout[start], fracDigits);
            i = start + length;
        }

        return sb.ToString();
    }

    private static void AppendStd(StringBuilder sb, DateTimeOffset t, Std std, char first, int fracDigits)
    {
        int hour = t.Hour;
        switch (std)
        {
            case Std.Year: Pad(sb, t.Year % 100, 2); break;
            case Std.LongYear: Pad(sb, t.Year, 4); break;
            case Std.Month: sb.Append(LongMonths[t.Month - 1], 0, 3); break;
            case Std.LongMonth: sb.Append(LongMonths[t.Month - 1]); break;
            case Std.NumMonth: sb.Append(t.Month); break;
            case Std.ZeroMonth: Pad(sb, t.Month, 2); break;
            case Std.WeekDay: sb.Append(LongDays[(int)t.DayOfWeek], 0, 3); break;
            case Std.LongWeekDay: sb.Append(LongDays[(int)t.DayOfWeek]); break;
            case Std.Day: sb.Append(t.Day); break;
            case Std.UnderDay: sb.Append(t.Day < 10 ? " " : string.Empty).Append(t.Day); break;
            case Std.ZeroDay: Pad(sb, t.Day, 2); break;
            case Std.UnderYearDay: sb.Append(t.DayOfYear.ToString(CultureInfo.InvariantCulture).PadLeft(3)); break;
            case Std.ZeroYearDay: Pad(sb, t.DayOfYear, 3); break;
            case Std.Hour: Pad(sb, hour, 2); break;
            case Std.Hour12: sb.Append(hour % 12 == 0 ? 12 : hour % 12); break;
            case Std.ZeroHour12: Pad(sb, hour % 12 == 0 ? 12 : hour % 12, 2); break;
            case Std.Minute: sb.Append(t.Minute); break;
            case Std.ZeroMinute: Pad(sb, t.Minute, 2); break;
            case Std.Second: sb.Append(t.Second); break;
            case Std.ZeroSecond: Pad(sb, t.Second, 2); break;
            case Std.PM: sb.Append(hour >= 12 ? "PM" : "AM"); break;
            case Std.pm: sb.Append(hour >= 12 ? "pm" : "am"); break;
            case Std.ISO8601TZ or Std.ISO8601ColonTZ or Std.ISO8601SecondsTZ or Std.ISO8601ShortTZ or Std.ISO8601ColonSecondsTZ
                or Std.NumTZ or Std.NumColonTZ or Std.NumSecondsTz or Std.NumShortTZ or Std.NumColonSecondsTZ:
                AppendOffset(sb, t.Offset, std);
                break;
            case Std.TZ:
                if (t.Offset == TimeSpan.Zero)
                {
                    sb.Append("UTC");
                }
                else
                {
                    AppendOffset(sb, t.Offset, Std.NumTZ);
                }

                break;
            case Std.FracSecond0 or Std.FracSecond9:
                AppendFraction(sb, t, std, first, fracDigits);
                break;
        }
    }

    private static void AppendOffset(StringBuilder sb, TimeSpan offset, Std std)
    {
        bool iso = std is Std.ISO8601TZ or Std.ISO8601ColonTZ or Std.ISO8601SecondsTZ or Std.ISO8601ShortTZ or Std.ISO8601ColonSecondsTZ;
        if (iso && offset == TimeSpan.Zero)
        {
            sb.Append('Z');
            return;
        }

        int total = (int)offset.TotalSeconds;
        int zone = total / 60;
        int absSeconds = Math.Abs(total % 60);
        sb.Append(zone < 0 ? '-' : '+');
        zone = Math.Abs(zone);
        Pad(sb, zone / 60, 2);
        if (std is Std.ISO8601ColonTZ or Std.NumColonTZ or Std.ISO8601ColonSecondsTZ or Std.NumColonSecondsTZ)
        {
            sb.Append(':');
        }

        if (std != Std.NumShortTZ && std != Std.ISO8601ShortTZ)
        {
            Pad(sb, zone % 60, 2);
        }

        if (std is Std.ISO8601SecondsTZ or Std.NumSecondsTz or Std.NumColonSecondsTZ or Std.ISO8601ColonSecondsTZ)
        {
            if (std is Std.NumColonSecondsTZ or Std.ISO8601ColonSecondsTZ)
            {
                sb.Append(':');
            }

            Pad(sb, absSeconds, 2);
        }
    }

    private static void AppendFraction(StringBuilder sb, DateTimeOffset t, Std std, char separator, int digits)
    {
        long nanos = (t.Ticks % TimeSpan.TicksPerSecond) * 100;
        string nine = nanos.ToString("D9", CultureInfo.InvariantCulture)[..Math.Min(digits, 9)];
        if (std == Std.FracSecond9)
        {
            nine = nine.TrimEnd('0');
            if (nine.Length == 0)
            {
                return;
            }
        }

        sb.Append(separator).Append(nine);
    }

    private static void Pad(StringBuilder sb, int value, int width)
    {
        if (value < 0)
        {
            sb.Append('-');
            value = -value;
        }

        sb.Append(value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
    }

    private static bool StartsWithLower(string s, int i) => i < s.Length && s[i] >= 'a' && s[i] <= 'z';

    private static bool IsDigit(string s, int i) => i < s.Length && char.IsAsciiDigit(s[i]);

    /// <summary>Finds the next reference-time element at or after <paramref name="from"/>: its start, kind and length.</summary>
    internal static (int Start, Std Std, int Length, int FracDigits) NextChunk(string layout, int from)
    {
        for (int i = from; i < layout.Length; i++)
        {
            string rest = layout[i..];
            switch (layout[i])
            {
                case 'J':
                    if (rest.StartsWith("Jan", StringComparison.Ordinal))
                    {
                        if (rest.StartsWith("January", StringComparison.Ordinal))
                        {
                            return (i, Std.LongMonth, 7, 0);
                        }

                        if (!StartsWithLower(layout, i + 3))
                        {
                            return (i, Std.Month, 3, 0);
                        }
                    }

                    break;
                case 'M':
                    if (rest.StartsWith("Mon", StringComparison.Ordinal))
                    {
                        if (rest.StartsWith("Monday", StringComparison.Ordinal))
                        {
                            return (i, Std.LongWeekDay, 6, 0);
                        }

                        if (!StartsWithLower(layout, i + 3))
                        {
                            return (i, Std.WeekDay, 3, 0);
                        }
                    }

                    if (rest.StartsWith("MST", StringComparison.Ordinal))
                    {
                        return (i, Std.TZ, 3, 0);
                    }

                    break;
                case '0':
                    if (rest.Length >= 2 && rest[1] >= '1' && rest[1] <= '6')
                    {
                        Std[] zeros = [Std.ZeroMonth, Std.ZeroDay, Std.ZeroHour12, Std.ZeroMinute, Std.ZeroSecond, Std.Year];
                        return (i, zeros[rest[1] - '1'], 2, 0);
                    }

                    if (rest.StartsWith("002", StringComparison.Ordinal))
                    {
                        return (i, Std.ZeroYearDay, 3, 0);
                    }

                    break;
                case '1':
                    return rest.Length >= 2 && rest[1] == '5' ? (i, Std.Hour, 2, 0) : (i, Std.NumMonth, 1, 0);
                case '2':
                    return rest.StartsWith("2006", StringComparison.Ordinal) ? (i, Std.LongYear, 4, 0) : (i, Std.Day, 1, 0);
                case '_':
                    if (rest.Length >= 2 && rest[1] == '2')
                    {
                        if (rest.Length >= 5 && rest[1..5] == "2006")
                        {
                            return (i + 1, Std.LongYear, 4, 0);
                        }

                        return (i, Std.UnderDay, 2, 0);
                    }

                    if (rest.StartsWith("__2", StringComparison.Ordinal))
                    {
                        return (i, Std.UnderYearDay, 3, 0);
                    }

                    break;
                case '3':
                    return (i, Std.Hour12, 1, 0);
                case '4':
                    return (i, Std.Minute, 1, 0);
                case '5':
                    return (i, Std.Second, 1, 0);
                case 'P':
                    if (rest.Length >= 2 && rest[1] == 'M')
                    {
                        return (i, Std.PM, 2, 0);
                    }

                    break;
                case 'p':
                    if (rest.Length >= 2 && rest[1] == 'm')
                    {
                        return (i, Std.pm, 2, 0);
                    }

                    break;
                case '-':
                    if (rest.StartsWith("-070000", StringComparison.Ordinal))
                    {
                        return (i, Std.NumSecondsTz, 7, 0);
                    }

                    if (rest.StartsWith("-07:00:00", StringComparison.Ordinal))
                    {
                        return (i, Std.NumColonSecondsTZ, 9, 0);
                    }

                    if (rest.StartsWith("-0700", StringComparison.Ordinal))
                    {
                        return (i, Std.NumTZ, 5, 0);
                    }

                    if (rest.StartsWith("-07:00", StringComparison.Ordinal))
                    {
                        return (i, Std.NumColonTZ, 6, 0);
                    }

                    if (rest.StartsWith("-07", StringComparison.Ordinal))
                    {
                        return (i, Std.NumShortTZ, 3, 0);
                    }

                    break;
                case 'Z':
                    if (rest.StartsWith("Z070000", StringComparison.Ordinal))
                    {
                        return (i, Std.ISO8601SecondsTZ, 7, 0);
                    }

                    if (rest.StartsWith("Z07:00:00", StringComparison.Ordinal))
                    {
                        return (i, Std.ISO8601ColonSecondsTZ, 9, 0);
                    }

                    if (rest.StartsWith("Z0700", StringComparison.Ordinal))
                    {
                        return (i, Std.ISO8601TZ, 5, 0);
                    }

                    if (rest.StartsWith("Z07:00", StringComparison.Ordinal))
                    {
                        return (i, Std.ISO8601ColonTZ, 6, 0);
                    }

                    if (rest.StartsWith("Z07", StringComparison.Ordinal))
                    {
                        return (i, Std.ISO8601ShortTZ, 3, 0);
                    }

                    break;
                case '.' or ',':
                    if (rest.Length >= 2 && (rest[1] == '0' || rest[1] == '9'))
                    {
                        char ch = rest[1];
                        int j = i + 1;
                        while (j < layout.Length && layout[j] == ch)
                        {
                            j++;
                        }

                        if (!IsDigit(layout, j))
                        {
                            return (i, ch == '0' ? Std.FracSecond0 : Std.FracSecond9, j - i, j - i - 1);
                        }
                    }

                    break;
            }
        }

        return (layout.Length, Std.None, 0, 0);
    }

    /// <summary>
    /// Go's <c>time.ParseInLocation</c>: a text without a zone is read in <paramref name="zone"/>.
    /// </summary>
    /// <exception cref="FormatException">With Go's message, e.g. <c>parsing time "x" as "2006": cannot parse "x" as "2006"</c>.</exception>
    public static DateTimeOffset Parse(string layout, string value, TimeZoneInfo zone) =>
        GoTimeParser.Parse(layout, value, zone);
}
