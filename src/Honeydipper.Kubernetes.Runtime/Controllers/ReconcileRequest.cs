using Honeydipper.Kubernetes.Runtime.Resources;

namespace Honeydipper.Kubernetes.Runtime.Controllers;

/// <summary>
/// The object to reconcile: its key, and its state in the informer's cache when the worker picked it up (null when
/// it is gone). The cached object is shared: copy before changing it.
/// </summary>
public sealed record ReconcileRequest<T>(ObjectKey Key, T? Current)
    where T : class;
