using k8s;

namespace Honeydipper.Kubernetes.Runtime.Resources;

/// <summary>
/// Deep copies of cached objects. Informer caches share their objects with every reader, so a reconciler copies
/// before it changes anything (a status to write back, a finalizer to add).
/// </summary>
public static class ObjectCopy
{
    public static T DeepCopy<T>(T obj)
        where T : class =>
        KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(obj));
}
