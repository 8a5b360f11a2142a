using Honeydipper.Kubernetes.Runtime.Resources;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Kubernetes.Runtime.Informers;

/// <summary>
/// List, then watch from the list's resourceVersion (with bookmarks, so resuming stays cheap), keeping an indexed
/// cache and telling handlers what changed. A watch that ends is resumed from the last resourceVersion; 410 Gone
/// (the history was compacted) or an error leads to a fresh list, whose differences with the cache are announced
/// as if they had been watched. Handlers run on the informer's loop: they should only enqueue.
/// </summary>
public sealed class Informer<T>(ResourceClient<T> client, InformerOptions options, TimeProvider time, ILogger logger)
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock gate = new();
    private readonly List<Action<InformerEvent<T>>> handlers = [];
    private readonly TaskCompletionSource synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long lists;

    public ObjectCache<T> Cache { get; } = new();

    public ApiResource Resource => client.Resource;

    /// <summary>True once the first list has filled the cache.</summary>
    public bool HasSynced => synced.Task.IsCompleted;

    /// <summary>How many times the informer listed (1 + relists after 410 or errors).</summary>
    public long ListCount => Interlocked.Read(ref lists);

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => synced.Task.WaitAsync(cancellationToken);

    /// <summary>Adds a handler; objects already cached are announced to it as Added first.</summary>
    public void AddHandler(Action<InformerEvent<T>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (gate)
        {
            handlers.Add(handler);
            foreach (T obj in Cache.List())
            {
                Invoke(handler, new InformerEvent<T>(InformerEventType.Added, obj, null));
            }
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Task resync = options.ResyncPeriod is TimeSpan period ? ResyncAsync(period, cancellationToken) : Task.CompletedTask;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                string version = await ListAsync(cancellationToken).ConfigureAwait(false);
                synced.TrySetResult();
                await WatchAsync(version, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                RuntimeLog.InformerError(logger, client.Resource.Plural, e);
                try
                {
                    await Task.Delay(options.ErrorBackoff, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await resync.ConfigureAwait(false);
    }

    private async Task<string> ListAsync(CancellationToken cancellationToken)
    {
        KubernetesList<T> list = await client.ListAsync(options.Namespace, options.LabelSelector, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref lists);
        HashSet<ObjectKey> seen = [];
        foreach (T obj in list.Items ?? [])
        {
            seen.Add(ObjectKey.Of(obj));
            Apply(WatchEventType.Modified, obj);
        }

        foreach (T gone in Cache.List().Where(o => !seen.Contains(ObjectKey.Of(o))))
        {
            Apply(WatchEventType.Deleted, gone);
        }

        return list.Metadata?.ResourceVersion ?? "";
    }

    /// <summary>Watches until the history is gone (returns, to relist); resumes ended watches from the last version.</summary>
    private async Task WatchAsync(string version, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            bool expired = false;
            void OnError(Exception e)
            {
                if (e is KubernetesException { Status.Code: 410 })
                {
                    expired = true;
                }
                else
                {
                    RuntimeLog.InformerError(logger, client.Resource.Plural, e);
                }
            }

            await foreach ((WatchEventType type, T obj) in client.WatchAsync(options.Namespace, options.LabelSelector, version, options.WatchTimeout, OnError, cancellationToken).ConfigureAwait(false))
            {
                if (type != WatchEventType.Bookmark)
                {
                    Apply(type, obj);
                }

                version = obj.Metadata?.ResourceVersion ?? version;
            }

            if (expired)
            {
                RuntimeLog.Relisting(logger, client.Resource.Plural, version);
                return;
            }
        }
    }

    private void Apply(WatchEventType type, T obj)
    {
        InformerEvent<T>? e;
        lock (gate)
        {
            if (type == WatchEventType.Deleted)
            {
                T? old = Cache.Remove(ObjectKey.Of(obj));
                e = old is null ? null : new InformerEvent<T>(InformerEventType.Deleted, obj, old);
            }
            else
            {
                T? old = Cache.Upsert(obj);
                e = old is null ? new InformerEvent<T>(InformerEventType.Added, obj, null)
                    : old.Metadata?.ResourceVersion == obj.Metadata?.ResourceVersion ? null
                    : new InformerEvent<T>(InformerEventType.Updated, obj, old);
            }

            if (e is not null)
            {
                foreach (Action<InformerEvent<T>> handler in handlers)
                {
                    Invoke(handler, e);
                }
            }
        }
    }

    private async Task ResyncAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        using PeriodicTimer timer = new(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                lock (gate)
                {
                    foreach (T obj in Cache.List())
                    {
                        foreach (Action<InformerEvent<T>> handler in handlers)
                        {
                            Invoke(handler, new InformerEvent<T>(InformerEventType.Updated, obj, obj));
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private void Invoke(Action<InformerEvent<T>> handler, InformerEvent<T> e)
    {
        try
        {
            handler(e);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            RuntimeLog.HandlerFailed(logger, client.Resource.Plural, ex);
        }
    }
}
