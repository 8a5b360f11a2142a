using Honeydipper.Drivers.Sdk.Secrets;

namespace Honeydipper.Drivers.Sdk;

/// <summary>Who the driver is on the bus and how it behaves there.</summary>
public sealed record DriverHostOptions
{
    /// <summary>The namespace whose streams it uses (the tenant).</summary>
    public required string Namespace { get; init; }

    /// <summary>The driver's name: its commands arrive on <c>commands:&lt;name&gt;</c>.</summary>
    public required string Driver { get; init; }

    /// <summary>This replica's consumer name; a replica restarted under the same name finishes what it had read.</summary>
    public string Instance { get; init; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Commands handled at once.</summary>
    public int MaxConcurrency { get; init; } = 16;

    /// <summary>Commands left unacknowledged this long by another replica are taken over (it is presumed dead).</summary>
    public TimeSpan ClaimIdleAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the driver reports its health (and, at least every third of <see cref="ClaimIdleAfter"/>,
    /// marks the commands it is serving as still in progress).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long shutting down waits for commands in flight; those still running are left for another replica.</summary>
    public TimeSpan ShutdownGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Defaults of the original's command handler: retry 0, backoff 1000 ms doubling, timeout 30 s.</summary>
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan DefaultBackoff { get; init; } = TimeSpan.FromMilliseconds(1000);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where the secret values that options name by <see cref="SecretKeyRef"/> are read (none by default).</summary>
    public ISecretSource Secrets { get; init; } = InMemorySecretSource.Empty;
}
