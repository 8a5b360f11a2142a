using Microsoft.Extensions.Logging;

namespace Honeydipper.Hosting;

internal static partial class HostLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "namespace {Namespace}: restored {Sessions} sessions and {Runs} runs")]
    public static partial void Restored(ILogger logger, string @namespace, int sessions, int runs);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "dropped message {EntryId}: {Reason}")]
    public static partial void Dropped(ILogger logger, string entryId, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "namespace {Namespace}: could not {Step}, retrying: {Reason}")]
    public static partial void BusRetry(ILogger logger, string @namespace, string step, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "stream {Stream}: trimming failed: {Reason}")]
    public static partial void TrimFailed(ILogger logger, string stream, string reason);

    [LoggerMessage(EventId = 105, Level = LogLevel.Warning, Message = "namespace {Namespace}: could not tell the drivers to stop command {CommandId} (its run was cancelled; its return will be ignored): {Reason}")]
    public static partial void AbandonFailed(ILogger logger, string @namespace, string commandId, string reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "stream {Stream}: the bus is unavailable: {Reason}")]
    public static partial void BusDown(ILogger logger, string stream, string reason);
}
