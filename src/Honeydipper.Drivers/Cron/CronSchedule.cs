using System.Security.Cryptography;
using System.Text;
using Cronos;
using Honeydipper.Drivers.Sdk;

namespace Honeydipper.Drivers.Cron;

/// <summary>
/// One schedule the rules ask for: a cron expression (five fields, or six with seconds first, or a macro such as
/// <c>@daily</c>) in a time zone (an IANA name, UTC by default). <see cref="Key"/> names it in the driver's saved state.
/// </summary>
internal sealed record CronSchedule(string Expression, string TimeZoneName, CronExpression Cron, TimeZoneInfo Zone)
{
    public string Key { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Expression + "|" + TimeZoneName)))[..16];

    /// <summary>The event data a firing carries; rules match it on <c>schedule</c> (and <c>timezone</c> when they name one).</summary>
    public Dictionary<string, object?> EventData(DateTimeOffset occurrence, DateTimeOffset firedAt)
    {
        Dictionary<string, object?> data = new(StringComparer.Ordinal)
        {
            ["schedule"] = Expression,
            ["scheduledAt"] = occurrence.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["firedAt"] = firedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (TimeZoneName.Length > 0)
        {
            data["timezone"] = TimeZoneName;
        }

        return data;
    }

    /// <summary>
    /// The schedules in the collapsed triggers the engine published: each trigger's <c>match.schedule</c> and
    /// <c>match.timezone</c>. Triggers that are wrong are listed in <paramref name="problems"/>, with the trigger, the
    /// field and the fix; the others are kept.
    /// </summary>
    public static List<CronSchedule> From(DriverOptions options, List<string> problems)
    {
        Dictionary<string, CronSchedule> schedules = new(StringComparer.Ordinal);
        if (!options.DynamicData.TryGetValue("collapsedEvents", out object? events) || events is not IDictionary<string, object?> byEvent)
        {
            return [];
        }

        foreach ((string name, object? list) in byEvent)
        {
            foreach (IDictionary<string, object?> collapsed in (list as IList<object?> ?? []).OfType<IDictionary<string, object?>>())
            {
                IDictionary<string, object?> match = collapsed.TryGetValue("match", out object? m) && m is IDictionary<string, object?> map ? map : new Dictionary<string, object?>();
                if (Parse(name, match, problems) is { } schedule)
                {
                    schedules.TryAdd(schedule.Key, schedule);
                }
            }
        }

        return [.. schedules.Values];
    }

    private static CronSchedule? Parse(string trigger, IDictionary<string, object?> match, List<string> problems)
    {
        if (!match.TryGetValue("schedule", out object? s) || s is not string { Length: > 0 } expression)
        {
            problems.Add($"trigger {trigger}: if_match.schedule is missing; set it to a cron expression such as \"0 9 * * MON-FRI\"");
            return null;
        }

        string zoneName = match.TryGetValue("timezone", out object? z) && z is string zone ? zone : string.Empty;
        CronExpression cron;
        try
        {
            int fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            cron = CronExpression.Parse(expression, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException ex)
        {
            problems.Add($"trigger {trigger}: if_match.schedule \"{expression}\" is not a cron expression ({ex.Message}); use five fields (minute hour day month weekday), six with seconds first, or a macro such as @daily");
            return null;
        }

        TimeZoneInfo timeZone;
        try
        {
            timeZone = zoneName.Length == 0 ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(zoneName);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            problems.Add($"trigger {trigger}: if_match.timezone \"{zoneName}\" is not a known time zone; use an IANA name such as Europe/Paris");
            return null;
        }

        return new CronSchedule(expression, zoneName, cron, timeZone);
    }
}
