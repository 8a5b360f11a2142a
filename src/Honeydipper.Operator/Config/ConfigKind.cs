using Honeydipper.Kubernetes.Resources.Common;
using Honeydipper.Kubernetes.Runtime.Conditions;
using Honeydipper.Kubernetes.Runtime.Informers;
using Honeydipper.Kubernetes.Runtime.Resources;
using Honeydipper.Operator.Compilation;
using k8s.Models;

namespace Honeydipper.Operator.Config;

/// <summary>One configuration kind as the namespace controller handles it: where it is cached and how its Ready condition is written.</summary>
internal interface IConfigKind
{
    string Kind { get; }

    IEnumerable<ConfigObject> Objects(string ns);

    /// <summary>Writes the object's Ready condition from its verdict when it differs; true when the condition flipped.</summary>
    Task<bool> WriteStatusAsync(string ns, string name, ObjectVerdict verdict, TimeProvider time, CancellationToken cancellationToken);

    V1ObjectReference? Reference(string ns, string name);
}

internal sealed class ConfigKind<T, TSpec, TStatus>(string kind, Informer<T> informer, ResourceClient<T> client, Func<T, ConfigObject> convert) : IConfigKind
    where T : CustomResource<TSpec, TStatus>
    where TSpec : new()
    where TStatus : ResourceStatus, new()
{
    public string Kind => kind;

    public IEnumerable<ConfigObject> Objects(string ns) =>
        informer.Cache.List().Where(o => o.Metadata.NamespaceProperty == ns && o.Metadata.DeletionTimestamp is null).Select(convert);

    public async Task<bool> WriteStatusAsync(string ns, string name, ObjectVerdict verdict, TimeProvider time, CancellationToken cancellationToken)
    {
        T? cached = informer.Cache.Get(new ObjectKey(ns, name));
        if (cached is null)
        {
            return false;
        }

        T copy = ObjectCopy.DeepCopy(cached);
        copy.Status ??= new TStatus();
        copy.Status.Conditions ??= [];
        bool wasReady = ConditionSet.IsTrue(copy.Status.Conditions, "Ready");
        string message = verdict.Warnings.Count == 0 ? verdict.Message : $"{verdict.Message}; warnings: {string.Join("; ", verdict.Warnings)}";
        bool changed = ConditionSet.Set(copy.Status.Conditions, "Ready", verdict.Ready ? ConditionStatus.True : ConditionStatus.False, verdict.Reason, message, copy.Metadata.Generation, time);
        if (!changed && copy.Status.ObservedGeneration == copy.Metadata.Generation)
        {
            return false;
        }

        copy.Status.ObservedGeneration = copy.Metadata.Generation;
        await client.ReplaceStatusAsync(copy, cancellationToken).ConfigureAwait(false);
        return wasReady != verdict.Ready || ConditionSet.Find(cached.Status?.Conditions, "Ready") is null;
    }

    public V1ObjectReference? Reference(string ns, string name) =>
        informer.Cache.Get(new ObjectKey(ns, name)) is { } obj
            ? new V1ObjectReference { ApiVersion = obj.ApiVersion, Kind = obj.Kind, Name = name, NamespaceProperty = ns, Uid = obj.Metadata.Uid, ResourceVersion = obj.Metadata.ResourceVersion }
            : null;
}
