namespace Honeydipper.Bus.Protocol;

/// <summary>The Redis key layout of the bus (docs/bus-protocol.md); every key of a namespace starts with <c>hd:&lt;namespace&gt;:</c>.</summary>
public static class BusKeys
{
    public static string Prefix(string ns) => $"hd:{ns}:";

    /// <summary>Pub/sub channel: a driver's options changed, or a reload was asked for.</summary>
    public static string Control(string ns) => Prefix(ns) + "control";

    /// <summary>A driver's current options and dynamic data (JSON), read at start and whenever control says so.</summary>
    public static string DriverConfig(string ns, string driver) => Prefix(ns) + $"driver:{driver}:config";

    /// <summary>A driver instance's health (JSON, with a time to live renewed by heartbeats).</summary>
    public static string DriverHealth(string ns, string driver, string instance) => Prefix(ns) + $"driver:{driver}:health:{instance}";

    /// <summary>Commands a driver has answered (command id → return), so that a redelivered command is answered again, not re-run.</summary>
    public static string DriverDone(string ns, string driver) => Prefix(ns) + $"driver:{driver}:done";

    /// <summary>The engine's durable state.</summary>
    public static string EngineState(string ns) => Prefix(ns) + "engine";
}
