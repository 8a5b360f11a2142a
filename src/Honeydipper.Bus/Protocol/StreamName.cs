namespace Honeydipper.Bus.Protocol;

/// <summary>
/// A stream of a namespace: <c>events</c> (drivers → engine), <c>commands:&lt;driver&gt;</c> (engine → one driver) or
/// <c>returns</c> (drivers → engine). Its Redis key is <c>hd:&lt;namespace&gt;:&lt;name&gt;</c>.
/// </summary>
public sealed record StreamName(string Namespace, string Name)
{
    public static StreamName Events(string ns) => new(ns, "events");

    public static StreamName Returns(string ns) => new(ns, "returns");

    public static StreamName Commands(string ns, string driver) => new(ns, "commands:" + driver);

    public string Key => BusKeys.Prefix(Namespace) + Name;

    public override string ToString() => Key;
}
