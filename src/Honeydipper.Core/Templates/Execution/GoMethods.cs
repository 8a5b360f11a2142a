using Honeydipper.Core.Values;

namespace Honeydipper.Core.Templates.Execution;

/// <summary>Values whose Go type has methods templates can call (<c>(semver "1.2.3").Major</c>).</summary>
internal interface IGoMethods
{
    bool TryGetMethod(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TemplateFunction? method);
}

/// <summary>
/// The methods of Go's <c>time.Time</c> and <c>time.Duration</c> that configurations call
/// (<c>now.UTC.Add (...)</c>, <c>now.Unix</c>, <c>.Format</c>), bound to their receiver.
/// </summary>
internal static class GoMethods
{
    private static readonly GoParam[] None = [];

    public static bool TryGet(object receiver, string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TemplateFunction? method)
    {
        method = receiver switch
        {
            DateTimeOffset t => TimeMethod(t, name),
            TimeSpan d => DurationMethod(d, name),
            IGoMethods m when m.TryGetMethod(name, out TemplateFunction? found) => found,
            _ => null,
        };
        return method is not null;
    }

    private static TemplateFunction M(string name, GoParam[] parameters, Func<object?[], object?> body) =>
        new(name, parameters, null, (_, a) => body(a));

    private static TemplateFunction? TimeMethod(DateTimeOffset t, string name) => name switch
    {
        "UTC" => M(name, None, _ => t.ToUniversalTime()),
        "Local" => new TemplateFunction(name, None, null, (c, _) => TimeZoneInfo.ConvertTime(t, c.LocalZone)),
        "Unix" => M(name, None, _ => t.ToUnixTimeSeconds()),
        "UnixMilli" => M(name, None, _ => t.ToUnixTimeMilliseconds()),
        "UnixMicro" => M(name, None, _ => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10),
        "UnixNano" => M(name, None, _ => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100),
        "Format" => M(name, [GoParam.String], a => GoTimeLayout.Format(t, (string)a[0]!)),
        "String" => M(name, None, _ => GoTimeLayout.Format(t, GoTimeLayout.GoString)),
        "Add" => M(name, [GoParam.Duration], a => t.Add((TimeSpan)a[0]!)),
        "AddDate" => M(name, [GoParam.Int, GoParam.Int, GoParam.Int], a =>
            t.AddYears((int)a[0]!).AddMonths((int)a[1]!).AddDays((int)a[2]!)),
        "Sub" => M(name, [GoParam.Time], a => t - (DateTimeOffset)a[0]!),
        "Before" => M(name, [GoParam.Time], a => t < (DateTimeOffset)a[0]!),
        "After" => M(name, [GoParam.Time], a => t > (DateTimeOffset)a[0]!),
        "Equal" => M(name, [GoParam.Time], a => t == (DateTimeOffset)a[0]!),
        "IsZero" => M(name, None, _ => t.UtcTicks == DateTimeOffset.MinValue.UtcTicks),
        "Truncate" => M(name, [GoParam.Duration], a => Truncate(t, (TimeSpan)a[0]!)),
        "Round" => M(name, [GoParam.Duration], a => Round(t, (TimeSpan)a[0]!)),
        "Year" => M(name, None, _ => t.Year),
        "Month" => M(name, None, _ => GoTimeLayout.MonthName(t.Month)),
        "Day" => M(name, None, _ => t.Day),
        "Hour" => M(name, None, _ => t.Hour),
        "Minute" => M(name, None, _ => t.Minute),
        "Second" => M(name, None, _ => t.Second),
        "Nanosecond" => M(name, None, _ => (int)(t.Ticks % TimeSpan.TicksPerSecond * 100)),
        "YearDay" => M(name, None, _ => t.DayOfYear),
        "Weekday" => M(name, None, _ => GoTimeLayout.DayName(t.DayOfWeek)),
        _ => null,
    };

    private static DateTimeOffset Truncate(DateTimeOffset t, TimeSpan d) =>
        d <= TimeSpan.Zero ? t : new DateTimeOffset(t.UtcTicks - (t.UtcTicks % d.Ticks), TimeSpan.Zero).ToOffset(t.Offset);

    private static DateTimeOffset Round(DateTimeOffset t, TimeSpan d)
    {
        if (d <= TimeSpan.Zero)
        {
            return t;
        }

        long r = t.UtcTicks % d.Ticks;
        long ticks = r + r < d.Ticks ? t.UtcTicks - r : t.UtcTicks + (d.Ticks - r);
        return new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(t.Offset);
    }

    private static TemplateFunction? DurationMethod(TimeSpan d, string name) => name switch
    {
        "String" => M(name, None, _ => GoDuration.Format(d)),
        "Hours" => M(name, None, _ => d.TotalHours),
        "Minutes" => M(name, None, _ => d.TotalMinutes),
        "Seconds" => M(name, None, _ => d.TotalSeconds),
        "Milliseconds" => M(name, None, _ => (long)d.TotalMilliseconds),
        "Microseconds" => M(name, None, _ => d.Ticks / 10),
        "Nanoseconds" => M(name, None, _ => GoDuration.FromTimeSpan(d)),
        "Abs" => M(name, None, _ => d.Duration()),
        "Truncate" => M(name, [GoParam.Duration], a =>
            (TimeSpan)a[0]! <= TimeSpan.Zero ? d : TimeSpan.FromTicks(d.Ticks - (d.Ticks % ((TimeSpan)a[0]!).Ticks))),
        "Round" => M(name, [GoParam.Duration], a => RoundDuration(d, (TimeSpan)a[0]!)),
        _ => null,
    };

    private static TimeSpan RoundDuration(TimeSpan d, TimeSpan m)
    {
        if (m <= TimeSpan.Zero)
        {
            return d;
        }

        long r = d.Ticks % m.Ticks;
        if (d.Ticks < 0)
        {
            r = -r;
            return r + r < m.Ticks ? TimeSpan.FromTicks(d.Ticks + r) : TimeSpan.FromTicks(d.Ticks - m.Ticks + r);
        }

        return r + r < m.Ticks ? TimeSpan.FromTicks(d.Ticks - r) : TimeSpan.FromTicks(d.Ticks + m.Ticks - r);
    }
}
