namespace Honeydipper.Bus.Protocol;

/// <summary>A raw event a driver publishes: which driver, which raw event (empty for the webhook), labels and data.</summary>
public sealed record BusEvent(string Id, string Driver, string RawEvent, IReadOnlyDictionary<string, string> Labels, object? Data)
{
    public BusMessage ToMessage() => new()
    {
        Kind = MessageKinds.Event,
        Id = Id,
        Headers = new Dictionary<string, string>(StringComparer.Ordinal) { [Headers.Driver] = Driver, [Headers.Event] = RawEvent },
        Labels = Labels,
        Payload = Data,
    };

    public static BusEvent From(BusMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ProtocolException.ExpectKind(message, MessageKinds.Event);
        return new BusEvent(message.Id, message.Header(Headers.Driver), message.Header(Headers.Event), message.Labels, message.Payload);
    }
}
