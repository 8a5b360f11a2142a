namespace Honeydipper.Bus.Protocol;

/// <summary>A bus message that breaks the protocol: an unknown version, a missing field, JSON that does not parse.</summary>
public sealed class ProtocolException : Exception
{
    public ProtocolException()
    {
    }

    public ProtocolException(string message)
        : base(message)
    {
    }

    public ProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static void ExpectKind(BusMessage message, string kind)
    {
        if (message.Kind != kind)
        {
            throw new ProtocolException($"message {message.Id} is a {message.Kind}, not a {kind}");
        }
    }
}
