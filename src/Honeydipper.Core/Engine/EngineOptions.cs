using Microsoft.Extensions.Logging;

namespace Honeydipper.Core.Engine;

/// <summary>How a <see cref="WorkflowEngine"/> is wired: its clock, identity and logging.</summary>
public sealed record EngineOptions
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Goes first in resume tokens (<c>&lt;daemonID&gt;/&lt;workflow&gt;/&lt;session&gt;</c>); the original uses the host's IP.</summary>
    public string DaemonId { get; init; } = string.Empty;

    /// <summary>Makes session ids; by default decimal numbers from 0, as the original.</summary>
    public Func<string>? SessionIds { get; init; }

    /// <summary>Makes event ids for events that arrive without one.</summary>
    public Func<string> EventIds { get; init; } = () => Guid.NewGuid().ToString();

    public ILogger Logger { get; init; } = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>
    /// Whether each <see cref="DriverCommand"/> carries a copy of its session's context (<see cref="DriverCommand.Context"/>),
    /// for offline scenarios that assert on it. Off by default: a deep copy per command that no driver reads.
    /// </summary>
    public bool CaptureCommandContext { get; init; }
}
