using System.Globalization;
using Honeydipper.Bus;
using Honeydipper.Drivers.Sdk;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Drivers.Cron;

/// <summary>
/// Scheduled events. The rules say when: <c>when: {driver: cron, if_match: {schedule: "0 9 * * MON-FRI", timezone:
/// Europe/Paris}}</c>; the driver fires one event per occurrence with <c>{schedule, timezone, scheduledAt, firedAt}</c>.
/// It saves the last occurrence fired per schedule, so after a restart it fires what it missed while down (up to
/// <c>max_catchup</c> per schedule, 100 by default, oldest first) and nothing twice: each occurrence is published with a
/// message id made from the schedule and the time, which the engine handles once even when published again.
/// A schedule seen for the first time starts from now.
/// </summary>
public sealed partial class CronDriver(BuiltinDriverSettings settings) : IBuiltinDriver, IDisposable
{
    private readonly ILogger _logger = settings.Logger;
    private volatile List<CronSchedule> _schedules = [];
    private CancellationTokenSource _changed = new();

    public string Type => "cron";

    public void Register(DriverHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.OnOptions((options, _) =>
        {
            List<string> problems = [];
            _schedules = CronSchedule.From(options, problems);
            foreach (string problem in problems)
            {
                Log.BadSchedule(_logger, host.DriverName, problem);
            }

            // Wakes the loop to plan with the new schedules. The old source is left to the collector: the loop may
            // still be linking to its token.
            Interlocked.Exchange(ref _changed, new CancellationTokenSource()).Cancel();
            return Task.CompletedTask;
        });
    }

    public void Dispose() => _changed.Dispose();

    public async Task ServeAsync(DriverHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        int maxCatchup = host.Options.Data.TryGetValue("max_catchup", out object? m) && m is double limit && limit >= 0 ? (int)limit : 100;
        Dictionary<string, DateTimeOffset> last = new(StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            List<CronSchedule> schedules = _schedules;
            using CancellationTokenSource wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _changed.Token);
            try
            {
                DateTimeOffset now = host.Time.GetUtcNow();
                DateTimeOffset next = DateTimeOffset.MaxValue;
                foreach (CronSchedule schedule in schedules)
                {
                    if (!last.TryGetValue(schedule.Key, out DateTimeOffset from))
                    {
                        from = await LastFiredAsync(host, schedule, now, cancellationToken).ConfigureAwait(false);
                    }

                    // Everything due (missed while down, or just due now), oldest first, each saved once it is published.
                    List<DateTimeOffset> due = [.. schedule.Cron.GetOccurrences(from, now, schedule.Zone, fromInclusive: false, toInclusive: true)];
                    if (due.Count > maxCatchup)
                    {
                        Log.Skipped(_logger, host.DriverName, schedule.Expression, due.Count - maxCatchup);
                        due = due[^maxCatchup..];
                    }

                    foreach (DateTimeOffset occurrence in due)
                    {
                        await FireAsync(host, schedule, occurrence, cancellationToken).ConfigureAwait(false);
                        from = occurrence;
                    }

                    last[schedule.Key] = from;
                    if (schedule.Cron.GetNextOccurrence(from > now ? from : now, schedule.Zone) is { } upcoming && upcoming < next)
                    {
                        next = upcoming;
                    }
                }

                TimeSpan wait = next == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : next - host.Time.GetUtcNow();
                if (wait > TimeSpan.Zero || wait == Timeout.InfiniteTimeSpan)
                {
                    await Task.Delay(wait, host.Time, wake.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The schedules changed: start over with the new ones.
            }
            catch (BusUnavailableException ex)
            {
                Log.BusDown(_logger, host.DriverName, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), host.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The last occurrence fired (saved by any earlier run), or now for a schedule never seen before.</summary>
    private static async Task<DateTimeOffset> LastFiredAsync(DriverHost host, CronSchedule schedule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string? saved = await host.LoadStateAsync(StateKey(schedule), cancellationToken).ConfigureAwait(false);
        if (saved is not null && DateTimeOffset.TryParse(saved, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset last))
        {
            return last;
        }

        await host.SaveStateAsync(StateKey(schedule), Format(now), null, cancellationToken).ConfigureAwait(false);
        return now;
    }

    private async Task FireAsync(DriverHost host, CronSchedule schedule, DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        string id = $"cron:{host.DriverName}:{schedule.Key}:{occurrence.ToUnixTimeMilliseconds()}";
        Dictionary<string, string> labels = new(StringComparer.Ordinal) { ["eventID"] = id };
        await host.PublishEventAsync(string.Empty, schedule.EventData(occurrence, host.Time.GetUtcNow()), labels, id, cancellationToken).ConfigureAwait(false);
        await host.SaveStateAsync(StateKey(schedule), Format(occurrence), null, cancellationToken).ConfigureAwait(false);
        Log.Fired(_logger, host.DriverName, schedule.Expression, occurrence);
    }

    private static string StateKey(CronSchedule schedule) => "last:" + schedule.Key;

    private static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "driver {Driver}: {Problem}")]
        public static partial void BadSchedule(ILogger logger, string driver, string problem);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "driver {Driver}: schedule \"{Schedule}\" missed {Count} occurrences beyond max_catchup while it was down; they are skipped")]
        public static partial void Skipped(ILogger logger, string driver, string schedule, int count);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "driver {Driver}: the bus is unavailable, firing waits: {Reason}")]
        public static partial void BusDown(ILogger logger, string driver, string reason);

        [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "driver {Driver}: schedule \"{Schedule}\" fired for {Occurrence}")]
        public static partial void Fired(ILogger logger, string driver, string schedule, DateTimeOffset occurrence);
    }
}
