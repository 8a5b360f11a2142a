using Std = Honeydipper.Core.Values.GoTimeLayout.Std;

namespace Honeydipper.Core.Values;

/// <summary>The reading half of <see cref="GoTimeLayout"/>: Go's <c>time.Parse</c> rules and error messages.</summary>
internal static class GoTimeParser
{
    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    public static DateTimeOffset Parse(string layout, string value, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(zone);
        string original = value;
        int year = 0, month = 1, day = 1, yday = -1, hour = 0, minute = 0, second = 0;
        long nanos = 0;
        bool pm = false, am = false;
        TimeSpan? offset = null;
        int i = 0;
        while (true)
        {
            (int start, Std std, int length, int fracDigits) = GoTimeLayout.NextChunk(layout, i);
            string prefix = layout[i..start];
            if (!value.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw Error(original, layout, value, prefix);
            }

            value = value[prefix.Length..];
            if (std == Std.None)
            {
                if (value.Length != 0)
                {
                    throw new FormatException($"parsing time {GoStrings.Quote(original)}: extra text: {GoStrings.Quote(value)}");
                }

                break;
            }

            string element = layout.Substring(start, length);
            string before = value;
            i = start + length;
            bool ok = true;
            switch (std)
            {
                case Std.Year:
                    ok = Digits(ref value, 2, out int yy);
                    year = yy >= 69 ? yy + 1900 : yy + 2000;
                    break;
                case Std.LongYear:
                    ok = Digits(ref value, 4, out year);
                    break;
                case Std.Month or Std.LongMonth:
                    ok = Lookup(ref value, Months, std == Std.Month, out int m);
                    month = m + 1;
                    break;
                case Std.NumMonth or Std.ZeroMonth:
                    ok = Number(ref value, std == Std.ZeroMonth, out month) && month is >= 1 and <= 12;
                    break;
                case Std.WeekDay or Std.LongWeekDay:
                    ok = Lookup(ref value, Days, std == Std.WeekDay, out _);
                    break;
                case Std.Day or Std.UnderDay or Std.ZeroDay:
                    if (std == Std.UnderDay && value.Length > 0 && value[0] == ' ')
                    {
                        value = value[1..];
                    }

                    ok = Number(ref value, std == Std.ZeroDay, out day);
                    break;
                case Std.UnderYearDay or Std.ZeroYearDay:
                    value = std == Std.UnderYearDay ? value.TrimStart(' ') : value;
                    ok = Digits(ref value, 3, out yday) || Number(ref value, false, out yday);
                    break;
                case Std.Hour:
                    ok = Number(ref value, false, out hour) && hour < 24;
                    break;
                case Std.Hour12 or Std.ZeroHour12:
                    ok = Number(ref value, std == Std.ZeroHour12, out hour) && hour <= 12;
                    break;
                case Std.Minute or Std.ZeroMinute:
                    ok = Number(ref value, std == Std.ZeroMinute, out minute) && minute < 60;
                    break;
                case Std.Second or Std.ZeroSecond:
                    ok = Number(ref value, std == Std.ZeroSecond, out second) && second < 60;
                    if (ok && value.Length >= 2 && (value[0] == '.' || value[0] == ',') && char.IsAsciiDigit(value[1]))
                    {
                        Std next = GoTimeLayout.NextChunk(layout, i).Std;
                        if (next is not (Std.FracSecond0 or Std.FracSecond9))
                        {
                            int n = 1;
                            while (n < value.Length && char.IsAsciiDigit(value[n]))
                            {
                                n++;
                            }

                            nanos = Nanoseconds(value[1..n]);
                            value = value[n..];
                        }
                    }

                    break;
                case Std.PM or Std.pm:
                    string ampm = value.Length >= 2 ? value[..2] : value;
                    string expectPm = std == Std.PM ? "PM" : "pm";
                    string expectAm = std == Std.PM ? "AM" : "am";
                    pm = ampm == expectPm;
                    am = ampm == expectAm;
                    ok = pm || am;
                    value = ok ? value[2..] : value;
                    break;
                case Std.TZ:
                    if (value.StartsWith("UTC", StringComparison.Ordinal))
                    {
                        offset = TimeSpan.Zero;
                        value = value[3..];
                        break;
                    }

                    int letters = 0;
                    while (letters < value.Length && letters < 5 && char.IsAsciiLetterUpper(value[letters]))
                    {
                        letters++;
                    }

                    ok = letters >= 3;
                    if (ok)
                    {
                        // Go makes up a zone at offset 0 for an abbreviation it does not know.
                        offset = TimeSpan.Zero;
                        value = value[letters..];
                    }

                    break;
                case Std.FracSecond0:
                    ok = value.Length > fracDigits && (value[0] == '.' || value[0] == ',')
                        && value[1..(fracDigits + 1)].All(char.IsAsciiDigit);
                    if (ok)
                    {
                        nanos = Nanoseconds(value[1..(fracDigits + 1)]);
                        value = value[(fracDigits + 1)..];
                    }

                    break;
                case Std.FracSecond9:
                    if (value.Length >= 2 && (value[0] == '.' || value[0] == ',') && char.IsAsciiDigit(value[1]))
                    {
                        int n = 1;
                        while (n < value.Length && n < 10 && char.IsAsciiDigit(value[n]))
                        {
                            n++;
                        }

                        nanos = Nanoseconds(value[1..n]);
                        value = value[n..];
                    }

                    break;
                default:
                    ok = ParseOffset(ref value, std, out TimeSpan parsedOffset);
                    offset = parsedOffset;
                    break;
            }

            if (!ok)
            {
                throw Error(original, layout, before, element);
            }
        }

        if (pm && hour < 12)
        {
            hour += 12;
        }
        else if (am && hour == 12)
        {
            hour = 0;
        }

        year = Math.Max(year, 1);
        if (yday >= 0)
        {
            DateTime fromYearDay = new DateTime(year, 1, 1).AddDays(yday - 1);
            month = fromYearDay.Month;
            day = fromYearDay.Day;
        }

        if (day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            throw new FormatException($"parsing time {GoStrings.Quote(original)}: day out of range");
        }

        DateTime local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(nanos / 100);
        return new DateTimeOffset(local, offset ?? zone.GetUtcOffset(local));
    }

    private static FormatException Error(string original, string layout, string value, string element) =>
        new($"parsing time {GoStrings.Quote(original)} as {GoStrings.Quote(layout)}: cannot parse {GoStrings.Quote(value)} as {GoStrings.Quote(element)}");

    private static long Nanoseconds(string digits)
    {
        string nine = digits.Length > 9 ? digits[..9] : digits.PadRight(9, '0');
        return long.Parse(nine, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool Digits(ref string value, int count, out int number)
    {
        number = 0;
        if (value.Length < count)
        {
            return false;
        }

        for (int k = 0; k < count; k++)
        {
            if (!char.IsAsciiDigit(value[k]))
            {
                return false;
            }

            number = (number * 10) + (value[k] - '0');
        }

        value = value[count..];
        return true;
    }

    /// <summary>One or two digits, as Go's getnum; two are required when the layout element is zero-padded.</summary>
    private static bool Number(ref string value, bool fixedWidth, out int number)
    {
        number = 0;
        if (value.Length == 0 || !char.IsAsciiDigit(value[0]))
        {
            return false;
        }

        if (value.Length < 2 || !char.IsAsciiDigit(value[1]))
        {
            if (fixedWidth)
            {
                return false;
            }

            number = value[0] - '0';
            value = value[1..];
            return true;
        }

        number = ((value[0] - '0') * 10) + (value[1] - '0');
        value = value[2..];
        return true;
    }

    private static bool Lookup(ref string value, string[] names, bool abbreviated, out int index)
    {
        for (index = 0; index < names.Length; index++)
        {
            string name = abbreviated ? names[index][..3] : names[index];
            if (value.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                value = value[name.Length..];
                return true;
            }
        }

        return false;
    }

    private static bool ParseOffset(ref string value, Std std, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        bool iso = std is Std.ISO8601TZ or Std.ISO8601ColonTZ or Std.ISO8601SecondsTZ or Std.ISO8601ShortTZ
            or Std.ISO8601ColonSecondsTZ;
        if (iso && value.Length >= 1 && value[0] == 'Z')
        {
            value = value[1..];
            return true;
        }

        bool colon = std is Std.ISO8601ColonTZ or Std.NumColonTZ or Std.ISO8601ColonSecondsTZ or Std.NumColonSecondsTZ;
        bool seconds = std is Std.ISO8601SecondsTZ or Std.NumSecondsTz or Std.ISO8601ColonSecondsTZ or Std.NumColonSecondsTZ;
        bool shortForm = std is Std.ISO8601ShortTZ or Std.NumShortTZ;
        if (value.Length < 3 || (value[0] != '+' && value[0] != '-'))
        {
            return false;
        }

        int sign = value[0] == '-' ? -1 : 1;
        string rest = value[1..];
        if (!Digits(ref rest, 2, out int hh))
        {
            return false;
        }

        int mm = 0, ss = 0;
        if (!shortForm)
        {
            if (colon && (rest.Length == 0 || rest[0] != ':'))
            {
                return false;
            }

            rest = colon ? rest[1..] : rest;
            if (!Digits(ref rest, 2, out mm))
            {
                return false;
            }

            if (seconds)
            {
                if (colon && (rest.Length == 0 || rest[0] != ':'))
                {
                    return false;
                }

                rest = colon ? rest[1..] : rest;
                if (!Digits(ref rest, 2, out ss))
                {
                    return false;
                }
            }
        }

        value = rest;
        offset = TimeSpan.FromSeconds(sign * ((hh * 3600) + (mm * 60) + ss));
        // DateTimeOffset offsets are whole minutes.
        offset = TimeSpan.FromMinutes(Math.Truncate(offset.TotalMinutes));
        return true;
    }
}
