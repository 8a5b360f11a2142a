namespace Honeydipper.Core.Engine;

/// <summary>A driver's answer to a <see cref="DriverCommand"/>: the command's labels plus <c>status</c> and <c>reason</c>, and a payload.</summary>
public sealed record DriverReturn(string SessionId, string CommandId, IReadOnlyDictionary<string, string> Labels, object? Payload)
{
    /// <summary>An answer with the command's labels and the given status.</summary>
    public static DriverReturn For(DriverCommand command, string status, string reason = "", object? payload = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        Dictionary<string, string> labels = new(command.Labels, StringComparer.Ordinal) { [Statuses.Label] = status };
        if (reason.Length > 0)
        {
            labels["reason"] = reason;
        }

        return new DriverReturn(command.SessionId, command.CommandId, labels, payload);
    }
}
