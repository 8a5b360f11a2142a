using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Api;

namespace Honeydipper.KubeApi.Emulator.Storage;

/// <summary>
/// The emulator's etcd: objects by group/resource and namespace/name, one monotonic resourceVersion for everything,
/// and a bounded history of events so that watches can resume from a resourceVersion or get 410 Gone.
/// Every change happens under one lock, which makes each write linearizable as etcd's are.
/// </summary>
internal sealed class ObjectStore(int historyLimit)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> data = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string GroupResource, string Key)> uids = new(StringComparer.Ordinal);
    private readonly LinkedList<StoredEvent> history = new();
    private readonly List<WatchSubscription> subscribers = [];
    private long revision = 1;
    private long compacted = 1;

    public long CurrentRevision
    {
        get
        {
            lock (gate)
            {
                return revision;
            }
        }
    }

    public static string NamespaceOf(JsonObject obj) => obj["metadata"]?["namespace"]?.GetValue<string>() ?? "";

    public static string NameOf(JsonObject obj) => obj["metadata"]?["name"]?.GetValue<string>() ?? "";

    public static string? ResourceVersionOf(JsonObject obj) => obj["metadata"]?["resourceVersion"]?.GetValue<string>();

    public JsonObject? Get(string gr, string ns, string name)
    {
        lock (gate)
        {
            return Bucket(gr).TryGetValue(Key(ns, name), out JsonObject? obj) ? (JsonObject)obj.DeepClone() : null;
        }
    }

    /// <summary>All objects of a resource (in one namespace when given), in key order as etcd lists them.</summary>
    public (List<JsonObject> Items, long Revision) List(string gr, string? ns)
    {
        lock (gate)
        {
            List<JsonObject> items = [.. Bucket(gr).Where(p => ns is null || p.Key.StartsWith(ns + "/", StringComparison.Ordinal)).Select(p => (JsonObject)p.Value.DeepClone())];
            return (items, revision);
        }
    }

    public bool UidExists(string uid)
    {
        lock (gate)
        {
            return uids.ContainsKey(uid);
        }
    }

    /// <summary>Objects (of any resource) that name the uid among their ownerReferences.</summary>
    public List<(string GroupResource, JsonObject Object)> Dependents(string ownerUid)
    {
        lock (gate)
        {
            return [.. data.SelectMany(b => b.Value.Values.Where(o => OwnerUids(o).Contains(ownerUid)).Select(o => (b.Key, (JsonObject)o.DeepClone())))];
        }
    }

    public static IEnumerable<string> OwnerUids(JsonObject obj) =>
        obj["metadata"]?["ownerReferences"] is JsonArray refs ? refs.Select(r => r?["uid"]?.GetValue<string>() ?? "") : [];

    public JsonObject Create(string gr, JsonObject obj)
    {
        lock (gate)
        {
            string key = Key(NamespaceOf(obj), NameOf(obj));
            SortedDictionary<string, JsonObject> bucket = Bucket(gr);
            if (bucket.ContainsKey(key))
            {
                throw ApiException.AlreadyExists(gr, NameOf(obj));
            }

            JsonObject stored = Stamp(obj);
            bucket[key] = stored;
            uids[stored["metadata"]!["uid"]!.GetValue<string>()] = (gr, key);
            Commit(gr, StoredEvent.Added, stored, null);
            return (JsonObject)stored.DeepClone();
        }
    }

    /// <summary>Replaces an object when its resourceVersion still is the expected one; an unchanged object is not written.</summary>
    public JsonObject Update(string gr, JsonObject obj, string expectedVersion)
    {
        lock (gate)
        {
            string name = NameOf(obj);
            string key = Key(NamespaceOf(obj), name);
            SortedDictionary<string, JsonObject> bucket = Bucket(gr);
            if (!bucket.TryGetValue(key, out JsonObject? current))
            {
                throw ApiException.NotFound(gr, name);
            }

            if (ResourceVersionOf(current) != expectedVersion)
            {
                throw ApiException.StaleResourceVersion(gr, name);
            }

            JsonObject candidate = (JsonObject)obj.DeepClone();
            candidate["metadata"]!["resourceVersion"] = expectedVersion;
            if (JsonNode.DeepEquals(candidate, current))
            {
                // kube-apiserver skips the etcd write for a no-op update: no new resourceVersion, no watch event.
                return (JsonObject)current.DeepClone();
            }

            JsonObject stored = Stamp(obj);
            bucket[key] = stored;
            Commit(gr, StoredEvent.Modified, stored, current);
            return (JsonObject)stored.DeepClone();
        }
    }

    public JsonObject Remove(string gr, string ns, string name, string? expectedVersion)
    {
        lock (gate)
        {
            SortedDictionary<string, JsonObject> bucket = Bucket(gr);
            if (!bucket.TryGetValue(Key(ns, name), out JsonObject? current))
            {
                throw ApiException.NotFound(gr, name);
            }

            if (expectedVersion is not null && ResourceVersionOf(current) != expectedVersion)
            {
                throw ApiException.StaleResourceVersion(gr, name);
            }

            bucket.Remove(Key(ns, name));
            uids.Remove(current["metadata"]?["uid"]?.GetValue<string>() ?? "");
            JsonObject gone = (JsonObject)current.DeepClone();
            revision++;
            gone["metadata"]!["resourceVersion"] = revision.ToString();
            Commit(gr, StoredEvent.Deleted, gone, current);
            return (JsonObject)gone.DeepClone();
        }
    }

    /// <summary>Removes every object of a resource (a deleted CRD takes its objects with it).</summary>
    public void RemoveAll(string gr)
    {
        foreach (JsonObject obj in List(gr, null).Items)
        {
            try
            {
                Remove(gr, NamespaceOf(obj), NameOf(obj), null);
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // removed concurrently
            }
        }
    }

    /// <summary>
    /// Subscribes to events after a resourceVersion (replaying the retained ones), or, without one, to synthetic
    /// ADDED events for the current state followed by live events — kube-apiserver's two watch starting points.
    /// </summary>
    public WatchSubscription Subscribe(string? gr, string? ns, long? fromRevision)
    {
        lock (gate)
        {
            if (fromRevision is long from && from < compacted)
            {
                throw ApiException.Expired(from, compacted);
            }

            WatchSubscription sub = new(gr, ns, Unsubscribe);
            if (fromRevision is long after)
            {
                foreach (StoredEvent e in history.Where(e => e.ResourceVersion > after && sub.Matches(e)))
                {
                    sub.Publish(e);
                    sub.ReplayCount++;
                }
            }
            else if (gr is not null)
            {
                foreach (JsonObject obj in Bucket(gr).Values.Where(o => ns is null || NamespaceOf(o) == ns))
                {
                    sub.Publish(new StoredEvent(long.Parse(ResourceVersionOf(obj)!), gr, StoredEvent.Added, (JsonObject)obj.DeepClone(), null));
                    sub.ReplayCount++;
                }
            }

            subscribers.Add(sub);
            return sub;
        }
    }

    /// <summary>Forgets the event history, as etcd compaction does: watches from an older resourceVersion get 410 Gone.</summary>
    public void Compact()
    {
        lock (gate)
        {
            history.Clear();
            compacted = revision;
        }
    }

    public void DropWatches()
    {
        List<WatchSubscription> open;
        lock (gate)
        {
            open = [.. subscribers];
        }

        // Outside the lock: cancelling runs the watch handlers' callbacks, which unsubscribe.
        foreach (WatchSubscription sub in open)
        {
            sub.Drop();
        }
    }

    private void Unsubscribe(WatchSubscription sub)
    {
        lock (gate)
        {
            subscribers.Remove(sub);
        }
    }

    private JsonObject Stamp(JsonObject obj)
    {
        JsonObject stored = (JsonObject)obj.DeepClone();
        revision++;
        stored["metadata"]!["resourceVersion"] = revision.ToString();
        return stored;
    }

    private void Commit(string gr, string type, JsonObject stored, JsonObject? previous)
    {
        StoredEvent e = new(revision, gr, type, (JsonObject)stored.DeepClone(), previous is null ? null : (JsonObject)previous.DeepClone());
        history.AddLast(e);
        while (history.Count > historyLimit)
        {
            compacted = history.First!.Value.ResourceVersion;
            history.RemoveFirst();
        }

        foreach (WatchSubscription sub in subscribers.Where(s => s.Matches(e)))
        {
            sub.Publish(e);
        }
    }

    private SortedDictionary<string, JsonObject> Bucket(string gr)
    {
        if (!data.TryGetValue(gr, out SortedDictionary<string, JsonObject>? bucket))
        {
            bucket = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            data[gr] = bucket;
        }

        return bucket;
    }

    private static string Key(string ns, string name) => $"{ns}/{name}";
}
