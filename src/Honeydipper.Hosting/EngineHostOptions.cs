using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Honeydipper.Hosting;

/// <summary>How an <see cref="EngineHost"/> sits on the bus.</summary>
public sealed record EngineHostOptions
{
    /// <summary>The namespace (tenant) whose streams it consumes.</summary>
    public required string Namespace { get; init; }

    /// <summary>Its consumer name; restarted under the same name it finishes what it had read.</summary>
    public string Instance { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Messages handled per turn at most (one saved batch per turn).</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Messages another engine left unacknowledged this long are taken over (it is presumed gone).</summary>
    public TimeSpan ClaimIdleAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often acknowledged entries are trimmed from the streams.</summary>
    public TimeSpan TrimInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether state is saved at all (an in-process bus has nowhere durable to save it).</summary>
    public bool Durable { get; init; } = true;

    /// <summary>
    /// Keep each finished run's final state (durable only) until <see cref="EngineHost.ForgetFinishedRunsAsync"/>:
    /// for a consumer of runs that must see every ending even across a crash (the operator's WorkflowRun writer).
    /// </summary>
    public bool KeepFinishedRuns { get; init; }

    /// <summary>
    /// Take over, at start, every message another engine instance left unacknowledged, without waiting for
    /// <see cref="ClaimIdleAfter"/>: right when only one instance runs at a time (the operator's leader), so that a
    /// new leader goes on at once with what the old one had read.
    /// </summary>
    public bool TakeOverOnStart { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// When set, secret literals in the drivers' options (the webhook's <c>signatureSecret</c>) are replaced by
    /// references before they reach the bus, and their values are handed to this; when null they are published as
    /// written (fine for an in-process bus, which never leaves the process).
    /// </summary>
    public SecretHandOff? SecretHandOff { get; init; }

    public ILogger Logger { get; init; } = NullLogger.Instance;
}
