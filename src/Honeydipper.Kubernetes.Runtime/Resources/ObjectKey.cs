using k8s;
using k8s.Models;

namespace Honeydipper.Kubernetes.Runtime.Resources;

/// <summary>What a reconcile is about: namespace (empty for cluster-scoped kinds) and name.</summary>
public sealed record ObjectKey(string Namespace, string Name)
{
    public static ObjectKey Of(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new ObjectKey(obj.Metadata?.NamespaceProperty ?? "", obj.Metadata?.Name ?? "");
    }

    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}
