using System.Collections.Concurrent;
using System.Net;
using Honeydipper.Kubernetes.Resources.Common;
using Honeydipper.Kubernetes.Runtime.Conditions;
using Honeydipper.Kubernetes.Runtime.Informers;
using Honeydipper.Kubernetes.Runtime.Resources;
using Honeydipper.Operator.Compilation;
using k8s.Autorest;
using k8s.Models;

namespace Honeydipper.Operator.Config;

/// <summary>One configuration kind as the namespace controller handles it: where it is cached and how its Ready condition is written.</summary>
internal interface IConfigKind
{
    string Kind { get; }

    IEnumerable<ConfigObject> Objects(string ns);

    /// <summary>True when the cached object, at the wanted generation, does not show the wanted status yet.</summary>
    bool NeedsWrite(string ns, string name, WantedStatus wanted);

    /// <summary>Writes the object's Ready condition and observedGeneration when they differ from the wanted ones.</summary>
    Task<StatusWrite> WriteStatusAsync(string ns, string name, WantedStatus wanted, TimeProvider time, CancellationToken cancellationToken);

    /// <summary>The object will not be written again (it is gone): drop what is remembered of it.</summary>
    void Forget(string ns, string name);

    V1ObjectReference? Reference(string ns, string name);
}

internal sealed class ConfigKind<T, TSpec, TStatus>(string kind, Informer<T> informer, ResourceClient<T> client, Func<T, ConfigObject> convert) : IConfigKind
    where T : CustomResource<TSpec, TStatus>
    where TSpec : new()
    where TStatus : ResourceStatus, new()
{
    // Our last successful write per object, with the resourceVersion it replaced: until the watch brings the new
    // version, the cache still shows the old status, which is not a reason to write again (it would only conflict).
    private readonly ConcurrentDictionary<ObjectKey, (WantedStatus Wanted, string? Replaced)> _written = new();

    public string Kind => kind;

    public IEnumerable<ConfigObject> Objects(string ns) =>
        informer.Cache.List().Where(o => o.Metadata.NamespaceProperty == ns && o.Metadata.DeletionTimestamp is null).Select(convert);

    public bool NeedsWrite(string ns, string name, WantedStatus wanted)
    {
        ObjectKey key = new(ns, name);
        return Check(key, informer.Cache.Get(key), wanted) is null;
    }

    public async Task<StatusWrite> WriteStatusAsync(string ns, string name, WantedStatus wanted, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ObjectKey key = new(ns, name);
        T? current = informer.Cache.Get(key);
        for (int attempt = 0; ; attempt++)
        {
            if (Check(key, current, wanted) is StatusWrite settled)
            {
                return settled;
            }

            T copy = ObjectCopy.DeepCopy(current!);
            copy.Status ??= new TStatus();
            copy.Status.Conditions ??= [];
            V1Condition? before = ConditionSet.Find(copy.Status.Conditions, "Ready");
            bool flipped = before is null || (before.Status == ConditionStatus.True) != wanted.Ready;
            ConditionSet.Set(copy.Status.Conditions, "Ready", wanted.Ready ? ConditionStatus.True : ConditionStatus.False, wanted.Reason, wanted.Message, copy.Metadata.Generation, time);
            copy.Status.ObservedGeneration = copy.Metadata.Generation;
            try
            {
                await client.ReplaceStatusAsync(copy, cancellationToken).ConfigureAwait(false);
                _written[key] = (wanted, current!.Metadata.ResourceVersion);
                return flipped ? StatusWrite.Flipped : StatusWrite.Written;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                Forget(ns, name);
                return StatusWrite.Gone;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt == 0)
            {
                // Changed since it was cached (a run's patch of a Workflow's status, or the cache is behind): read it
                // from the API and decide again on what is really there. A second conflict is retried with backoff.
                current = await client.GetAsync(ns, name, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Forget(string ns, string name) => _written.TryRemove(new ObjectKey(ns, name), out _);

    public V1ObjectReference? Reference(string ns, string name) =>
        informer.Cache.Get(new ObjectKey(ns, name)) is { } obj
            ? new V1ObjectReference { ApiVersion = obj.ApiVersion, Kind = obj.Kind, Name = name, NamespaceProperty = ns, Uid = obj.Metadata.Uid, ResourceVersion = obj.Metadata.ResourceVersion }
            : null;

    /// <summary>Why no write is needed, or null when the object must be written.</summary>
    private StatusWrite? Check(ObjectKey key, T? obj, WantedStatus wanted)
    {
        if (obj is null)
        {
            _written.TryRemove(key, out _);
            return StatusWrite.Gone;
        }

        if ((obj.Metadata.Generation ?? 0) != wanted.Generation)
        {
            return StatusWrite.Outdated;
        }

        V1Condition? ready = ConditionSet.Find(obj.Status?.Conditions, "Ready");
        if (obj.Status?.ObservedGeneration == obj.Metadata.Generation && ready is not null && ready.ObservedGeneration == obj.Metadata.Generation
            && ready.Status == (wanted.Ready ? ConditionStatus.True : ConditionStatus.False) && ready.Reason == wanted.Reason && ready.Message == wanted.Message)
        {
            return StatusWrite.Current;
        }

        if (_written.TryGetValue(key, out (WantedStatus Wanted, string? Replaced) written))
        {
            if (written.Replaced == obj.Metadata.ResourceVersion)
            {
                // The cache has not seen our write yet; when it has, the watch event brings the object back here.
                if (written.Wanted == wanted)
                {
                    return StatusWrite.Current;
                }
            }
            else
            {
                _written.TryRemove(KeyValuePair.Create(key, written)); // the cache moved past our write: it tells the truth again
            }
        }

        return null;
    }
}
