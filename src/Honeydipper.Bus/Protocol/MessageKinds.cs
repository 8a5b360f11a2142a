namespace Honeydipper.Bus.Protocol;

public static class MessageKinds
{
    public const string Event = "event";
    public const string Command = "command";
    public const string Return = "return";
}
