namespace Honeydipper.Core.Scenarios;

/// <summary>A clock that moves only when told to: waits and timeouts in offline tests take no real time.</summary>
public sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    /// <summary>2026-01-01T00:00:00Z, so that time in tests is the same on every run.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private DateTimeOffset _now = start;

    public VirtualClock()
        : this(DefaultStart)
    {
    }

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock forward (never back) to the given time.</summary>
    public void AdvanceTo(DateTimeOffset time)
    {
        if (time > _now)
        {
            _now = time;
        }
    }
}
