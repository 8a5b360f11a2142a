using System.Collections.Concurrent;
using Honeydipper.Kubernetes.Runtime.Controllers;
using Honeydipper.Kubernetes.Runtime.Resources;

namespace Honeydipper.Kubernetes.Runtime.Tests.Controllers;

/// <summary>A reconciler that records what it was asked and answers as the test says.</summary>
internal sealed class RecordingReconciler<T>(Func<ReconcileRequest<T>, int, CancellationToken, Task<ReconcileResult>> behave) : IReconciler<T>
    where T : class
{
    public ConcurrentDictionary<ObjectKey, int> Calls { get; } = new();

    public ConcurrentQueue<(ObjectKey Key, T? Seen, long At)> Log { get; } = new();

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<T> request, CancellationToken cancellationToken)
    {
        int n = Calls.AddOrUpdate(request.Key, 1, (_, c) => c + 1);
        Log.Enqueue((request.Key, request.Current, System.Diagnostics.Stopwatch.GetTimestamp()));
        return await behave(request, n, cancellationToken);
    }
}
