namespace Honeydipper.Bus.Protocol;

/// <summary>Header names (stream entry fields) of the protocol.</summary>
public static class Headers
{
    public const string Driver = "driver";
    public const string Event = "event";
    public const string Method = "method";
    public const string SessionId = "sessionID";
    public const string CommandId = "commandID";
    public const string Status = "status";
    public const string Reason = "reason";
    public const string Retry = "retry";
    public const string BackoffMs = "backoff_ms";
    public const string Timeout = "timeout";
}
