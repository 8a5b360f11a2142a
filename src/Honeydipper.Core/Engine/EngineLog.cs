using Microsoft.Extensions.Logging;

namespace Honeydipper.Core.Engine;

internal static partial class EngineLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "session {SessionId}: completion hooks failed: {Reason}")]
    public static partial void HookFailed(ILogger logger, string sessionId, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "session {SessionId}: {Reason}")]
    public static partial void SessionFailed(ILogger logger, string sessionId, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "return for unknown session {SessionId} ignored")]
    public static partial void UnknownSession(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "stale return {CommandId} for session {SessionId} ignored")]
    public static partial void StaleReturn(ILogger logger, string sessionId, string commandId);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "rule {Rule}: {Reason}")]
    public static partial void RuleSkipped(ILogger logger, string rule, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "event {EventId}: could not start a session for {Rule}: {Reason}")]
    public static partial void StartFailed(ILogger logger, string eventId, string rule, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "run {RunId} cancelled: {Reason}")]
    public static partial void RunCancelled(ILogger logger, string runId, string reason);
}
