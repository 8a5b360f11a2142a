using Honeydipper.Kubernetes.Runtime.Informers;
using Honeydipper.Kubernetes.Runtime.Queues;
using Honeydipper.Kubernetes.Runtime.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Kubernetes.Runtime.Controllers;

/// <summary>
/// The controller loop: events from the primary informer (and from owned or watched kinds, mapped to their
/// owners) put keys on a rate-limited work queue; workers reconcile one key at a time. Done and RequeueAfter
/// forget the key's backoff; Retry and exceptions requeue it with growing delays; Terminal drops it.
/// </summary>
public sealed class Controller<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Informer<T> informer;
    private readonly IReconciler<T> reconciler;
    private readonly ControllerOptions options;
    private readonly ILogger logger;
    private readonly List<Func<CancellationToken, Task>> syncWaits = [];

    public Controller(Informer<T> informer, IReconciler<T> reconciler, ControllerOptions options, TimeProvider time, ILogger logger, IRateLimiter<ObjectKey>? rateLimiter = null)
    {
        ArgumentNullException.ThrowIfNull(informer);
        this.informer = informer;
        this.reconciler = reconciler;
        this.options = options;
        this.logger = logger;
        Queue = new WorkQueue<ObjectKey>(rateLimiter ?? RateLimiters.Default<ObjectKey>(time), time);
        informer.AddHandler(e => Queue.Add(ObjectKey.Of(e.Current)));
        syncWaits.Add(informer.WaitForSyncAsync);
    }

    public WorkQueue<ObjectKey> Queue { get; }

    /// <summary>Changes of objects this kind owns (ownerReferences with controller: true) reconcile the owner.</summary>
    public Controller<T> Owns<TOwned>(Informer<TOwned> owned)
        where TOwned : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(owned);
        string kind = typeof(T).GetCustomAttributes(typeof(KubernetesEntityAttribute), false).OfType<KubernetesEntityAttribute>().FirstOrDefault()?.Kind ?? typeof(T).Name;
        return Watches(owned, o => OwnerKeys(o, kind));
    }

    /// <summary>Changes of another kind reconcile the keys the map returns (for example the Rules naming a System).</summary>
    public Controller<T> Watches<TOther>(Informer<TOther> other, Func<TOther, IEnumerable<ObjectKey>> map)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(map);
        other.AddHandler(e =>
        {
            foreach (ObjectKey key in map(e.Current).Concat(e.Old is null ? [] : map(e.Old)).Distinct())
            {
                Queue.Add(key);
            }
        });
        syncWaits.Add(other.WaitForSyncAsync);
        return this;
    }

    /// <summary>Waits for the informers' first lists, then runs the workers until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(syncWaits.Select(w => w(cancellationToken))).ConfigureAwait(false);
        Task[] workers = [.. Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => Task.Run(() => WorkAsync(cancellationToken), CancellationToken.None))];
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            ObjectKey key;
            try
            {
                key = await Queue.TakeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await ProcessAsync(key, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    private async Task ProcessAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        ReconcileResult result;
        try
        {
            result = await reconciler.ReconcileAsync(new ReconcileRequest<T>(key, informer.Cache.Get(key)), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped mid-reconcile (shutdown or a lost lease): keep the key for the next run of this controller.
            Queue.Add(key);
            return;
        }
        catch (Exception e)
        {
            RuntimeLog.ReconcileThrew(logger, options.Name, key.Namespace, key.Name, e);
            Queue.AddRateLimited(key);
            return;
        }

        switch (result.Outcome)
        {
            case ReconcileOutcome.Done:
                Queue.Forget(key);
                break;
            case ReconcileOutcome.RequeueAfter:
                Queue.Forget(key);
                Queue.AddAfter(key, result.Delay);
                break;
            case ReconcileOutcome.Retry:
                RuntimeLog.ReconcileRetry(logger, options.Name, key.Namespace, key.Name, result.Reason ?? "");
                Queue.AddRateLimited(key);
                break;
            default:
                RuntimeLog.ReconcileTerminal(logger, options.Name, key.Namespace, key.Name, result.Reason ?? "");
                Queue.Forget(key);
                break;
        }
    }

    private static IEnumerable<ObjectKey> OwnerKeys(IKubernetesObject<V1ObjectMeta> owned, string ownerKind) =>
        (owned.Metadata?.OwnerReferences ?? [])
            .Where(r => r.Controller == true && r.Kind == ownerKind)
            .Select(r => new ObjectKey(owned.Metadata!.NamespaceProperty ?? "", r.Name));
}
