namespace Honeydipper.Kubernetes.Runtime.Controllers;

/// <summary>Level-based and idempotent: look at the current state, converge it, say what to do next.</summary>
public interface IReconciler<T>
    where T : class
{
    Task<ReconcileResult> ReconcileAsync(ReconcileRequest<T> request, CancellationToken cancellationToken);
}
