namespace Honeydipper.Bus.Protocol;

/// <summary>
/// A raw action for a driver. Its id is the command id, which the return must name. Labels carry <c>sessionID</c>,
/// <c>eventID</c>, <c>method</c>, and when set <c>retry</c>, <c>backoff_ms</c> and <c>timeout</c> (seconds), which the
/// driver honours as the original's command handler does.
/// </summary>
public sealed record BusCommand(string CommandId, string Driver, string Method, IReadOnlyDictionary<string, string> Labels, object? Parameters)
{
    public string SessionId => Labels.TryGetValue(Headers.SessionId, out string? id) ? id : string.Empty;

    public BusMessage ToMessage() => new()
    {
        Kind = MessageKinds.Command,
        Id = CommandId,
        Headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Headers.Driver] = Driver,
            [Headers.Method] = Method,
            [Headers.SessionId] = SessionId,
        },
        Labels = Labels,
        Payload = Parameters,
    };

    public static BusCommand From(BusMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ProtocolException.ExpectKind(message, MessageKinds.Command);
        return new BusCommand(message.Id, message.Header(Headers.Driver), message.Header(Headers.Method), message.Labels, message.Payload);
    }
}
