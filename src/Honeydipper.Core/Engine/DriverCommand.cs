namespace Honeydipper.Core.Engine;

/// <summary>
/// A raw action for a driver to perform, after the function chain is collapsed and its parameters interpolated
/// (Honeydipper's operator service, folded into the engine). <see cref="Labels"/> carries <c>sessionID</c>,
/// <c>eventID</c>, <c>method</c> and, when set, <c>retry</c>, <c>backoff_ms</c> and <c>timeout</c>.
/// </summary>
/// <param name="CommandId">Unique per call; a return that names another id (a redelivery, a stale reply) is ignored.</param>
/// <param name="Driver">The driver that performs it (or <c>feature:name</c>).</param>
/// <param name="Method">The raw action.</param>
/// <param name="Parameters">The interpolated parameters (the message payload).</param>
/// <param name="Labels">The message labels.</param>
/// <param name="Call">What the workflow asked for, for run records: <c>system.function</c> or <c>driver.action</c>.</param>
public sealed record DriverCommand(
    string CommandId,
    string Driver,
    string Method,
    IDictionary<string, object?>? Parameters,
    IReadOnlyDictionary<string, string> Labels,
    string Call)
{
    /// <summary>
    /// The calling session's context when the call was made, for offline tests (set only when the engine's
    /// <see cref="EngineOptions.CaptureCommandContext"/> is on). It is not part of the driver protocol: drivers
    /// receive only the parameters.
    /// </summary>
    public IDictionary<string, object?>? Context { get; init; }

    public string SessionId => Labels.TryGetValue("sessionID", out string? id) ? id : string.Empty;
}
