using Honeydipper.Bus.Protocol;
using Honeydipper.Drivers.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Honeydipper.Drivers.Tests.Cron;

/// <summary>
/// The cron driver on the real bus with a manual clock. The clock is moved a second at a time until the events are
/// there, so the assertions are about which occurrences fired (their scheduledAt), never about how long it took.
/// </summary>
public sealed class CronDriverTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 59, 55, TimeSpan.Zero); // a Monday

    private static Sdk.DriverOptions Schedules(string match) => Options.Of(dynamicData: $$"""
        collapsedEvents:
          ticker.tick:
            - match: {{match}}
        """);

    [Fact]
    public async Task A_schedule_with_seconds_fires_once_per_occurrence_with_its_schedule_and_time()
    {
        FakeTimeProvider clock = new(Start);
        await using DriverHarness cron = await DriverHarness.StartAsync(redis, "cron", Schedules("{schedule: '*/10 * * * * *'}"), host: o => o with { Time = clock });

        IReadOnlyList<BusEvent> events = await AdvanceUntilAsync(cron, clock, 3);

        Assert.Equal(["2026-01-05T09:00:00Z", "2026-01-05T09:00:10Z", "2026-01-05T09:00:20Z"], ScheduledAt(events)[..3]);
        IDictionary<string, object?> data = (IDictionary<string, object?>)events[0].Data!;
        Assert.Equal("*/10 * * * * *", data["schedule"]);
        Assert.False(data.ContainsKey("timezone"));
        Assert.Equal("cron", events[0].Driver);
    }

    [Fact]
    public async Task A_five_field_schedule_in_a_time_zone_fires_at_that_zone_s_wall_clock_time()
    {
        FakeTimeProvider clock = new(new DateTimeOffset(2026, 1, 5, 7, 59, 58, TimeSpan.Zero)); // 08:59:58 in Paris (UTC+1 in winter)
        await using DriverHarness cron = await DriverHarness.StartAsync(redis, "cron", Schedules("{schedule: '0 9 * * MON-FRI', timezone: Europe/Paris}"), host: o => o with { Time = clock });

        IReadOnlyList<BusEvent> events = await AdvanceUntilAsync(cron, clock, 1);

        Assert.Equal("2026-01-05T08:00:00Z", ScheduledAt(events)[0]);
        Assert.Equal("Europe/Paris", ((IDictionary<string, object?>)events[0].Data!)["timezone"]);
    }

    [Fact]
    public async Task A_restart_fires_what_was_missed_while_down_and_nothing_twice()
    {
        FakeTimeProvider clock = new(Start);
        Sdk.DriverOptions options = Schedules("{schedule: '*/10 * * * * *'}");
        DriverHarness first = await DriverHarness.StartAsync(redis, "cron", options, host: o => o with { Time = clock });
        string ns = first.Namespace;
        await AdvanceUntilAsync(first, clock, 2);
        await first.StopAsync();
        List<BusEvent> before = [.. await first.EventsAsync()];
        await first.DisposeAsync();

        clock.Advance(TimeSpan.FromSeconds(35)); // down across three occurrences
        await using DriverHarness second = await DriverHarness.StartAsync(redis, "cron", options, host: o => o with { Time = clock }, ns: ns);
        IReadOnlyList<BusEvent> after = await AdvanceUntilAsync(second, clock, 4);

        List<string> all = ScheduledAt([.. before, .. after]);
        List<string> expected = [.. Enumerable.Range(0, all.Count).Select(i => Start.AddSeconds(5 + (10 * i)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))];
        Assert.True(all.Count >= 6, $"expected at least 6 firings, got {all.Count}");
        Assert.Equal(expected, all); // every occurrence, in order, none missed and none twice
        Assert.Equal(all.Count, before.Concat(after).Select(e => e.Id).Distinct().Count());
    }

    [Fact]
    public async Task The_same_occurrence_is_always_published_under_the_same_message_id_so_the_engine_runs_it_once()
    {
        FakeTimeProvider clock = new(Start);
        Sdk.DriverOptions options = Schedules("{schedule: '*/10 * * * * *'}");
        DriverHarness first = await DriverHarness.StartAsync(redis, "cron", options, host: o => o with { Time = clock });
        string ns = first.Namespace;
        BusEvent fired = (await AdvanceUntilAsync(first, clock, 1))[0];
        await first.DisposeAsync();

        // A crash after publishing but before saving: the saved state still says the occurrence before.
        await using (Bus.Redis.RedisMessageBus bus = await redis.ConnectAsync())
        {
            string key = (await ListKeysAsync(ns)).Single(k => k.Contains(":driver:cron:state:last:", StringComparison.Ordinal));
            await bus.SetValueAsync(key, Start.AddSeconds(-5).ToString("O", System.Globalization.CultureInfo.InvariantCulture), null);
        }

        await using DriverHarness second = await DriverHarness.StartAsync(redis, "cron", options, host: o => o with { Time = clock }, ns: ns);
        BusEvent again = (await second.WaitForEventsAsync(1))[0];

        Assert.Equal(ScheduledAt([fired]), ScheduledAt([again]));
        Assert.Equal(fired.Id, again.Id);
        Assert.Equal(fired.Labels["eventID"], again.Labels["eventID"]);
    }

    [Fact]
    public async Task A_wrong_schedule_is_skipped_and_the_others_still_fire()
    {
        FakeTimeProvider clock = new(Start);
        await using DriverHarness cron = await DriverHarness.StartAsync(redis, "cron", Options.Of(dynamicData: """
            collapsedEvents:
              bad.expression: [{match: {schedule: 'every monday'}}]
              bad.zone: [{match: {schedule: '* * * * *', timezone: Mars/Olympus}}]
              good.tick: [{match: {schedule: '*/10 * * * * *'}}]
            """), host: o => o with { Time = clock });

        IReadOnlyList<BusEvent> events = await AdvanceUntilAsync(cron, clock, 2);

        Assert.All(events, e => Assert.Equal("*/10 * * * * *", ((IDictionary<string, object?>)e.Data!)["schedule"]));
    }

    [Fact]
    public void Schedule_problems_name_the_trigger_the_field_and_the_fix()
    {
        List<string> problems = [];
        Drivers.Cron.CronSchedule.From(Options.Of(dynamicData: """
            collapsedEvents:
              bad.expression: [{match: {schedule: 'every monday'}}]
              bad.zone: [{match: {schedule: '* * * * *', timezone: Mars/Olympus}}]
              no.schedule: [{match: {}}]
            """), problems);

        Assert.Equal(3, problems.Count);
        Assert.StartsWith("trigger bad.expression: if_match.schedule \"every monday\" is not a cron expression", problems[0], StringComparison.Ordinal);
        Assert.Equal("trigger bad.zone: if_match.timezone \"Mars/Olympus\" is not a known time zone; use an IANA name such as Europe/Paris", problems[1]);
        Assert.StartsWith("trigger no.schedule: if_match.schedule is missing", problems[2], StringComparison.Ordinal);
    }

    private async Task<string[]> ListKeysAsync(string ns)
    {
        using RespClient client = await RespClient.ConnectAsync(redis.Server.Port);
        object? reply = await client.CallAsync("KEYS", $"hd:{{{ns}}}:*");
        return [.. ((IEnumerable<object?>)reply!).Select(k => k?.ToString() ?? string.Empty)];
    }

    private static async Task<IReadOnlyList<BusEvent>> AdvanceUntilAsync(DriverHarness cron, FakeTimeProvider clock, int count)
    {
        IReadOnlyList<BusEvent> events = [];
        await Poll.UntilAsync(async () =>
        {
            events = await cron.EventsAsync();
            if (events.Count < count)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
            }

            return events.Count >= count;
        }, $"{count} cron events");
        return events;
    }

    private static List<string> ScheduledAt(IEnumerable<BusEvent> events) =>
        [.. events.Select(e => (string)((IDictionary<string, object?>)e.Data!)["scheduledAt"]!)];
}
