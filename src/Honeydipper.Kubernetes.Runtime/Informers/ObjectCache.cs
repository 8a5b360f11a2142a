using Honeydipper.Kubernetes.Runtime.Resources;
using k8s;
using k8s.Models;

namespace Honeydipper.Kubernetes.Runtime.Informers;

/// <summary>
/// The informer's store: the latest version of every object, by key, with named secondary indexes (for example
/// "by owner uid" or "by system name") kept up to date on every change. Objects are shared: never mutate them.
/// </summary>
public sealed class ObjectCache<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Lock gate = new();
    private readonly Dictionary<ObjectKey, T> items = [];
    private readonly Dictionary<string, Func<T, IEnumerable<string>>> indexers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, HashSet<ObjectKey>>> indexes = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (gate)
            {
                return items.Count;
            }
        }
    }

    /// <summary>Adds an index; objects already cached are indexed at once.</summary>
    public void AddIndex(string name, Func<T, IEnumerable<string>> indexer)
    {
        lock (gate)
        {
            indexers[name] = indexer;
            indexes[name] = new Dictionary<string, HashSet<ObjectKey>>(StringComparer.Ordinal);
            foreach ((ObjectKey key, T obj) in items)
            {
                IndexOne(name, key, obj);
            }
        }
    }

    public T? Get(ObjectKey key)
    {
        lock (gate)
        {
            return items.GetValueOrDefault(key);
        }
    }

    public IReadOnlyList<T> List()
    {
        lock (gate)
        {
            return [.. items.Values];
        }
    }

    public IReadOnlyList<T> ByIndex(string index, string value)
    {
        lock (gate)
        {
            if (!indexes.TryGetValue(index, out Dictionary<string, HashSet<ObjectKey>>? byValue))
            {
                throw new ArgumentException($"no index named {index}", nameof(index));
            }

            return byValue.TryGetValue(value, out HashSet<ObjectKey>? keys) ? [.. keys.Select(k => items[k])] : [];
        }
    }

    internal T? Upsert(T obj)
    {
        ObjectKey key = ObjectKey.Of(obj);
        lock (gate)
        {
            T? old = items.GetValueOrDefault(key);
            if (old is not null)
            {
                Unindex(key, old);
            }

            items[key] = obj;
            foreach (string name in indexers.Keys)
            {
                IndexOne(name, key, obj);
            }

            return old;
        }
    }

    internal T? Remove(ObjectKey key)
    {
        lock (gate)
        {
            if (!items.Remove(key, out T? old))
            {
                return null;
            }

            Unindex(key, old);
            return old;
        }
    }

    private void IndexOne(string name, ObjectKey key, T obj)
    {
        foreach (string value in indexers[name](obj))
        {
            if (!indexes[name].TryGetValue(value, out HashSet<ObjectKey>? keys))
            {
                keys = [];
                indexes[name][value] = keys;
            }

            keys.Add(key);
        }
    }

    private void Unindex(ObjectKey key, T obj)
    {
        foreach ((string name, Func<T, IEnumerable<string>> indexer) in indexers)
        {
            foreach (string value in indexer(obj))
            {
                if (indexes[name].TryGetValue(value, out HashSet<ObjectKey>? keys) && keys.Remove(key) && keys.Count == 0)
                {
                    indexes[name].Remove(value);
                }
            }
        }
    }
}
