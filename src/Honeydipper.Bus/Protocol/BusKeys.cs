namespace Honeydipper.Bus.Protocol;

/// <summary>
/// The Redis key layout of the bus (docs/bus-protocol.md). Every key of a namespace starts with
/// <c>hd:{&lt;namespace&gt;}:</c>: the braces make the namespace a Redis Cluster hash tag, so all of a namespace's keys
/// live in one slot and the engine's per-turn transactions work on a cluster too.
/// </summary>
public static class BusKeys
{
    public static string Prefix(string ns) => $"hd:{{{ns}}}:";

    /// <summary>Pub/sub channel: a driver's options changed, or a reload was asked for.</summary>
    public static string Control(string ns) => Prefix(ns) + "control";

    /// <summary>A driver's current options and dynamic data (JSON), read at start and whenever control says so.</summary>
    public static string DriverConfig(string ns, string driver) => Prefix(ns) + $"driver:{driver}:config";

    /// <summary>A driver instance's health (JSON, with a time to live renewed by heartbeats).</summary>
    public static string DriverHealth(string ns, string driver, string instance) => Prefix(ns) + $"driver:{driver}:health:{instance}";

    /// <summary>
    /// Prefix of a driver's answered-command markers: <c>&lt;prefix&gt;:&lt;command id&gt;</c> is set (an hour) once the
    /// command's return is published, so that a redelivered command is acknowledged without running again.
    /// </summary>
    public static string DriverDone(string ns, string driver) => Prefix(ns) + $"driver:{driver}:done";

    /// <summary>A driver's own state that must outlive its process (the cron driver's last firing per schedule).</summary>
    public static string DriverState(string ns, string driver, string key) => Prefix(ns) + $"driver:{driver}:state:{key}";

    /// <summary>The engine's saved sessions (hash: session id → state JSON).</summary>
    public static string EngineSessions(string ns) => Prefix(ns) + "engine:sessions";

    /// <summary>The engine's runs that have not finished (hash: run id → run JSON).</summary>
    public static string EngineRuns(string ns) => Prefix(ns) + "engine:runs";

    /// <summary>
    /// Runs that finished and whose final state someone (the operator's WorkflowRun writer) has not yet taken
    /// (hash: run id → run JSON); kept only when the engine is asked to, so that no final state is lost in a crash.
    /// </summary>
    public static string EngineRunsFinished(string ns) => Prefix(ns) + "engine:runs:finished";

    /// <summary>A run started on request (a WorkflowRun object): request id → run id, so that asking twice starts one run.</summary>
    public static string StartRequest(string ns, string requestId) => Prefix(ns) + "started:" + requestId;

    /// <summary>The engine's counters (hash).</summary>
    public static string EngineMeta(string ns) => Prefix(ns) + "engine:meta";

    /// <summary>An event the engine has handled, kept a day so that a redelivery does not start its sessions again.</summary>
    public static string SeenEvent(string ns, string messageId) => Prefix(ns) + "seen:" + messageId;

    /// <summary>
    /// Written inside a turn's transaction and kept an hour: when a commit fails without saying whether it ran (the
    /// connection dropped during EXEC), the retry finds it and does not publish the turn's commands a second time.
    /// </summary>
    public static string Commit(string ns, string turnId) => Prefix(ns) + "commit:" + turnId;

    /// <summary>The result of a session started with an <c>_output</c> context (the original's honeydipper/result/&lt;eventID&gt;).</summary>
    public static string Result(string ns, string eventId) => Prefix(ns) + "result:" + eventId;

    /// <summary>A value of the cache feature (the redis driver's save/load), under the namespace.</summary>
    public static string Cache(string ns, string key) => Prefix(ns) + "cache:" + key;

    /// <summary>A lock of the locker feature (the redis driver's lock/unlock), under the namespace.</summary>
    public static string Lock(string ns, string name) => Prefix(ns) + "lock:" + name;
}
