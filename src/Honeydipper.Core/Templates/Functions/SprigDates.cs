using Honeydipper.Core.Values;
using static Honeydipper.Core.Templates.Functions.Fn;

namespace Honeydipper.Core.Templates.Functions;

/// <summary>
/// sprig's date functions over Go layouts (<c>"2006-01-02T15:04:05Z07:00"</c>). Times are <see cref="DateTimeOffset"/>s;
/// "Local" is <see cref="TemplateOptions.LocalTimeZone"/>; <c>now</c> reads <see cref="TemplateOptions.TimeProvider"/>.
/// sprig's <c>duration</c> takes a number of seconds as a string or int64 (anything else counts as 0).
/// </summary>
internal static class SprigDates
{
    public static IEnumerable<TemplateFunction> All()
    {
        TemplateFunction dateInZone = C("dateInZone", [S, A, S], null, (c, a) => Format(c, (string)a[0]!, a[1], (string)a[2]!));
        TemplateFunction dateModify = F("dateModify", [S, T], a =>
            GoDuration.TryParse((string)a[0]!, out long ns) ? ((DateTimeOffset)a[1]!).AddTicks(ns / 100) : a[1]);
        TemplateFunction mustDateModify = F("mustDateModify", [S, T], a =>
            ((DateTimeOffset)a[1]!).AddTicks(GoDuration.Parse((string)a[0]!) / 100));
        return
        [
            Now(),
            C("date", [S, A], null, (c, a) => Format(c, (string)a[0]!, a[1], "Local")),
            .. Aliases(dateInZone, "dateInZone", "date_in_zone"),
            .. Aliases(dateModify, "dateModify", "date_modify"),
            .. Aliases(mustDateModify, "mustDateModify", "must_date_modify"),
            C("htmlDate", [A], null, (c, a) => Format(c, "2006-01-02", a[0], "Local")),
            C("htmlDateInZone", [A, S], null, (c, a) => Format(c, "2006-01-02", a[0], (string)a[1]!)),
            C("ago", [A], null, (c, a) => Ago(c, a[0])),
            F("duration", [A], a => GoDuration.Format(Seconds(a[0]) * GoDuration.Second)),
            C("durationRound", [A], null, (c, a) => DurationRound(c, a[0])),
            C("toDate", [S, S], null, (c, a) => ToDate(c, (string)a[0]!, (string)a[1]!, must: false)),
            C("mustToDate", [S, S], null, (c, a) => ToDate(c, (string)a[0]!, (string)a[1]!, must: true)),
            F("unixEpoch", [T], a => ((DateTimeOffset)a[0]!).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
    }

    /// <summary>Go's <c>time.Now</c>: the current time in the local zone.</summary>
    public static TemplateFunction Now() => C("now", [], null, (c, _) => LocalNow(c));

    private static DateTimeOffset LocalNow(TemplateFunctionContext c) => TimeZoneInfo.ConvertTime(c.Time.GetUtcNow(), c.LocalZone);

    private static TimeZoneInfo Zone(TemplateFunctionContext c, string name)
    {
        if (name == "Local")
        {
            return c.LocalZone;
        }

        if (name is "" or "UTC")
        {
            return TimeZoneInfo.Utc;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(name, out TimeZoneInfo? zone) ? zone : TimeZoneInfo.Utc;
    }

    /// <summary>sprig's dateInZone: a time, or Unix seconds as int/int64; anything else means now.</summary>
    private static string Format(TemplateFunctionContext c, string layout, object? date, string zone)
    {
        DateTimeOffset t = date switch
        {
            DateTimeOffset d => d,
            long l => DateTimeOffset.FromUnixTimeSeconds(l),
            int i => DateTimeOffset.FromUnixTimeSeconds(i),
            _ => c.Time.GetUtcNow(),
        };
        return GoTimeLayout.Format(TimeZoneInfo.ConvertTime(t, Zone(c, zone)), layout);
    }

    private static long Seconds(object? v) => v switch
    {
        string s => long.TryParse(s, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long n) ? n : 0,
        long l => l,
        _ => 0,
    };

    private static string Ago(TemplateFunctionContext c, object? date)
    {
        DateTimeOffset t = date switch
        {
            DateTimeOffset d => d,
            long l => DateTimeOffset.FromUnixTimeSeconds(l),
            int i => DateTimeOffset.FromUnixTimeSeconds(i),
            _ => c.Time.GetUtcNow(),
        };
        TimeSpan since = c.Time.GetUtcNow() - t;
        long seconds = (long)Math.Round(since.TotalSeconds, MidpointRounding.AwayFromZero);
        return GoDuration.Format(seconds * GoDuration.Second);
    }

    private static string DurationRound(TemplateFunctionContext c, object? v)
    {
        long d = v switch
        {
            string s => GoDuration.TryParse(s, out long ns) ? ns : 0,
            long l => l,
            DateTimeOffset t => GoDuration.FromTimeSpan(c.Time.GetUtcNow() - t),
            _ => 0,
        };
        ulong u = d < 0 ? (ulong)-d : (ulong)d;
        const ulong Hour = (ulong)GoDuration.Hour;
        (ulong unit, string suffix)[] units =
        [
            (Hour * 24 * 365, "y"), (Hour * 24 * 30, "mo"), (Hour * 24, "d"), (Hour, "h"),
            ((ulong)GoDuration.Minute, "m"), ((ulong)GoDuration.Second, "s"),
        ];
        foreach ((ulong unit, string suffix) in units)
        {
            if (u > unit)
            {
                return (u / unit).ToString(System.Globalization.CultureInfo.InvariantCulture) + suffix;
            }
        }

        return "0s";
    }

    private static DateTimeOffset ToDate(TemplateFunctionContext c, string layout, string value, bool must)
    {
        try
        {
            return GoTimeLayout.Parse(layout, value, c.LocalZone);
        }
        catch (FormatException) when (!must)
        {
            // Go's zero time.
            return new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero);
        }
    }
}
