namespace Honeydipper.Kubernetes.Runtime.Leadership;

/// <summary>The Lease to hold and its timings (client-go's defaults: 15 s lease, 10 s renew deadline, 2 s retry).</summary>
public sealed record LeaderElectionOptions(string Namespace, string LeaseName, string Identity)
{
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// On a graceful stop, hand the lease back (empty holder, one-second duration) so a standby takes over at once
    /// instead of waiting for the lease to expire, as client-go's ReleaseOnCancel does. A crash cannot do this.
    /// </summary>
    public bool ReleaseOnCancel { get; init; } = true;
}
