namespace Honeydipper.Kubernetes.Runtime.Controllers;

/// <summary>The kinds of <see cref="ReconcileResult"/>.</summary>
public enum ReconcileOutcome
{
    Done,
    RequeueAfter,
    Retry,
    Terminal,
}
