using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Honeydipper.Core.Values;
using Honeydipper.Kubernetes.Resources;
using Honeydipper.Kubernetes.Runtime.Informers;
using Honeydipper.Kubernetes.Runtime.Resources;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Honeydipper.Operator.GitOps;

/// <summary>What applying one object did.</summary>
internal enum ApplyOutcome
{
    Created,
    Updated,
    Unchanged,
    Conflict,
}

/// <summary>
/// One configuration kind as a ConfigRepo writes it: through the generic custom-object API (the repository's data
/// goes to the server exactly as written), read back from the operator's informer cache.
/// </summary>
internal sealed class RepoKind<T>(string kind, string plural, Informer<T> informer, IKubernetes client) : IRepoKind
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    // The generation each object had right after this process wrote it: a different one means someone edited the
    // spec since, and the repository's version is written back (forgotten on restart, when the hash alone decides).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ObjectKey, long> _written = new();

    public string Kind => kind;

    public async Task<ApplyOutcome> ApplyAsync(string ns, Dictionary<string, object?> desired, V1OwnerReference owner, CancellationToken cancellationToken)
    {
        string name = RepoObjects.NameOf(desired);
        T? current = informer.Cache.Get(new ObjectKey(ns, name));
        string hash = desired.TryGetValue("metadata", out object? m) && m is IDictionary<string, object?> meta
            && meta.TryGetValue("annotations", out object? a) && a is IDictionary<string, object?> annotations
            && annotations.TryGetValue(RepoObjects.AppliedHashAnnotation, out object? h) ? (string)h! : string.Empty;
        if (current is null)
        {
            try
            {
                object created = await client.CustomObjects.CreateNamespacedCustomObjectAsync(RepoObjects.Body(desired), HoneydipperApi.Group, HoneydipperApi.Version, ns, plural, cancellationToken: cancellationToken).ConfigureAwait(false);
                Remember(ns, name, created);
                return ApplyOutcome.Created;
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict)
            {
                return ApplyOutcome.Conflict; // exists, not yet in our cache: the next pass sees whose it is
            }
        }

        if (!RepoObjects.OwnedBy(current.Metadata, owner.Uid))
        {
            return ApplyOutcome.Conflict;
        }

        bool edited = _written.TryGetValue(new ObjectKey(ns, name), out long generation) && current.Metadata.Generation is long now && now > generation;
        if (!edited && current.Metadata.Annotations is { } existing && existing.TryGetValue(RepoObjects.AppliedHashAnnotation, out string? applied) && applied == hash)
        {
            return ApplyOutcome.Unchanged;
        }

        ((IDictionary<string, object?>)desired["metadata"]!)["resourceVersion"] = current.Metadata.ResourceVersion;
        object replaced = await client.CustomObjects.ReplaceNamespacedCustomObjectAsync(RepoObjects.Body(desired), HoneydipperApi.Group, HoneydipperApi.Version, ns, plural, name, cancellationToken: cancellationToken).ConfigureAwait(false);
        Remember(ns, name, replaced);
        return ApplyOutcome.Updated;
    }

    private void Remember(string ns, string name, object written)
    {
        if (written is JsonElement obj && obj.TryGetProperty("metadata", out JsonElement metadata) && metadata.TryGetProperty("generation", out JsonElement generation)
            && generation.TryGetInt64(out long value))
        {
            _written[new ObjectKey(ns, name)] = value;
        }
    }

    public IEnumerable<string> Owned(string ns, string ownerUid) =>
        informer.Cache.List().Where(o => o.Metadata.NamespaceProperty == ns && RepoObjects.OwnedBy(o.Metadata, ownerUid)).Select(o => o.Metadata.Name);

    public async Task DeleteAsync(string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.CustomObjects.DeleteNamespacedCustomObjectAsync(HoneydipperApi.Group, HoneydipperApi.Version, ns, plural, name, cancellationToken: cancellationToken).ConfigureAwait(false);
            _written.TryRemove(new ObjectKey(ns, name), out _);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone.
        }
    }

    public void OnChange(Action<V1ObjectMeta> handler) => informer.AddHandler(e => handler(e.Current.Metadata));
}

internal interface IRepoKind
{
    string Kind { get; }

    Task<ApplyOutcome> ApplyAsync(string ns, Dictionary<string, object?> desired, V1OwnerReference owner, CancellationToken cancellationToken);

    IEnumerable<string> Owned(string ns, string ownerUid);

    Task DeleteAsync(string ns, string name, CancellationToken cancellationToken);

    void OnChange(Action<V1ObjectMeta> handler);
}

/// <summary>Labels, ownership and the applied-hash that lets an unchanged object go unwritten.</summary>
internal static class RepoObjects
{
    public const string RepoLabel = "honeydipper.io/configrepo";
    public const string AppliedHashAnnotation = "honeydipper.io/applied-hash";

    public static string NameOf(IDictionary<string, object?> manifest) =>
        manifest.TryGetValue("metadata", out object? m) && m is IDictionary<string, object?> meta && meta.TryGetValue("name", out object? n) && n is string name ? name : string.Empty;

    public static string KindOf(IDictionary<string, object?> manifest) => manifest.TryGetValue("kind", out object? k) ? k as string ?? string.Empty : string.Empty;

    public static bool OwnedBy(V1ObjectMeta metadata, string ownerUid) =>
        metadata.OwnerReferences?.Any(r => r.Uid == ownerUid && r.Controller == true) == true;

    /// <summary>
    /// The object as the ConfigRepo writes it: its namespace, our label and owner reference, and a hash of what the
    /// repository defines (taken before the cluster adds anything), so the next sync can tell nothing changed.
    /// </summary>
    public static Dictionary<string, object?> Prepare(IDictionary<string, object?> manifest, string ns, string repoName, V1OwnerReference owner)
    {
        Dictionary<string, object?> obj = new(manifest, StringComparer.Ordinal) { ["apiVersion"] = HoneydipperApi.ApiVersion };
        Dictionary<string, object?> metadata = manifest.TryGetValue("metadata", out object? m) && m is IDictionary<string, object?> given
            ? new Dictionary<string, object?>(given, StringComparer.Ordinal)
            : new Dictionary<string, object?>(StringComparer.Ordinal);
        metadata["namespace"] = ns;
        Dictionary<string, object?> labels = metadata.TryGetValue("labels", out object? l) && l is IDictionary<string, object?> givenLabels
            ? new Dictionary<string, object?>(givenLabels, StringComparer.Ordinal)
            : new Dictionary<string, object?>(StringComparer.Ordinal);
        labels[RepoLabel] = repoName;
        metadata["labels"] = labels;
        metadata.Remove("resourceVersion");
        metadata.Remove("uid");
        metadata.Remove("ownerReferences");
        Dictionary<string, object?> annotations = metadata.TryGetValue("annotations", out object? a) && a is IDictionary<string, object?> givenAnnotations
            ? new Dictionary<string, object?>(givenAnnotations, StringComparer.Ordinal)
            : new Dictionary<string, object?>(StringComparer.Ordinal);
        annotations.Remove(AppliedHashAnnotation);
        string defined = GoJson.Serialize(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["kind"] = KindOf(manifest), ["spec"] = manifest.TryGetValue("spec", out object? spec) ? spec : null, ["labels"] = labels, ["annotations"] = annotations,
        });
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(defined)))[..16];
        annotations[AppliedHashAnnotation] = hash;
        metadata["annotations"] = annotations;
        metadata["ownerReferences"] = new List<object?>
        {
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["apiVersion"] = owner.ApiVersion, ["kind"] = owner.Kind, ["name"] = owner.Name, ["uid"] = owner.Uid,
                ["controller"] = true, ["blockOwnerDeletion"] = true,
            },
        };
        obj["metadata"] = metadata;
        return obj;
    }

    public static JsonElement Body(Dictionary<string, object?> obj) => JsonSerializer.Deserialize<JsonElement>(GoJson.Serialize(obj));
}
