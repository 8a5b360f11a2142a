namespace Honeydipper.Kubernetes.Runtime.Controllers;

/// <summary>What a reconcile asks the controller to do next. Build one with the named factories.</summary>
public sealed record ReconcileResult
{
    private ReconcileResult(ReconcileOutcome outcome, TimeSpan delay, string? reason)
    {
        Outcome = outcome;
        Delay = delay;
        Reason = reason;
    }

    public ReconcileOutcome Outcome { get; }

    /// <summary>For <see cref="ReconcileOutcome.RequeueAfter"/>: when to look again.</summary>
    public TimeSpan Delay { get; }

    public string? Reason { get; }

    /// <summary>Converged: nothing to do until the object or something it watches changes.</summary>
    public static ReconcileResult Done() => new(ReconcileOutcome.Done, TimeSpan.Zero, null);

    /// <summary>Converged for now; look again after the delay (polling something outside the cluster, a timer).</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay) => new(ReconcileOutcome.RequeueAfter, delay, null);

    /// <summary>Not converged because of something transient: try again with the item's growing backoff.</summary>
    public static ReconcileResult Retry(string reason) => new(ReconcileOutcome.Retry, TimeSpan.Zero, reason);

    /// <summary>Cannot converge until the object changes (report it in status); no retries.</summary>
    public static ReconcileResult Terminal(string reason) => new(ReconcileOutcome.Terminal, TimeSpan.Zero, reason);
}
