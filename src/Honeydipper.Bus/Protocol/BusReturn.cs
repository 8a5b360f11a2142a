namespace Honeydipper.Bus.Protocol;

/// <summary>A driver's answer: the command it answers, a status (success, failure, error), a reason and the data.</summary>
public sealed record BusReturn(string Id, string CommandId, string SessionId, string Status, string Reason, IReadOnlyDictionary<string, string> Labels, object? Payload)
{
    public BusMessage ToMessage() => new()
    {
        Kind = MessageKinds.Return,
        Id = Id,
        Headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Headers.CommandId] = CommandId,
            [Headers.SessionId] = SessionId,
            [Headers.Status] = Status,
            [Headers.Reason] = Reason,
        },
        Labels = Labels,
        Payload = Payload,
    };

    public static BusReturn From(BusMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ProtocolException.ExpectKind(message, MessageKinds.Return);
        return new BusReturn(
            message.Id,
            message.Header(Headers.CommandId),
            message.Header(Headers.SessionId),
            message.Header(Headers.Status),
            message.Header(Headers.Reason),
            message.Labels,
            message.Payload);
    }

    /// <summary>The answer to a command: its labels (without the driver settings) plus status and reason.</summary>
    public static BusReturn For(BusCommand command, string status, string reason, object? payload, string id)
    {
        ArgumentNullException.ThrowIfNull(command);
        Dictionary<string, string> labels = new(command.Labels, StringComparer.Ordinal);
        labels.Remove(Headers.Retry);
        labels.Remove(Headers.BackoffMs);
        labels.Remove(Headers.Timeout);
        labels[Headers.Status] = status;
        if (reason.Length > 0)
        {
            labels[Headers.Reason] = reason;
        }
        else
        {
            labels.Remove(Headers.Reason);
        }

        return new BusReturn(id, command.CommandId, command.SessionId, status, reason, labels, payload);
    }
}
