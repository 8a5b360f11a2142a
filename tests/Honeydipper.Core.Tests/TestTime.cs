namespace Honeydipper.Core.Tests;

/// <summary>A clock that reads one fixed instant, so date functions give exact expected values without sleeping.</summary>
internal sealed class TestTime(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Instant = new(2024, 3, 5, 14, 7, 9, TimeSpan.Zero);

    public TestTime()
        : this(Instant)
    {
    }

    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
