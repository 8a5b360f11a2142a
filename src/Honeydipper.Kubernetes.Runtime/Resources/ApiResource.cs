using System.Reflection;
using k8s.Models;

namespace Honeydipper.Kubernetes.Runtime.Resources;

/// <summary>Where a kind is served: group, version, plural, and whether it lives in namespaces.</summary>
public sealed record ApiResource(string Group, string Version, string Plural, bool Namespaced = true)
{
    /// <summary>From the [KubernetesEntity] attribute that both the client's models and our custom kinds carry.</summary>
    public static ApiResource For<T>(bool namespaced = true)
    {
        KubernetesEntityAttribute entity = typeof(T).GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no [KubernetesEntity]; construct the ApiResource explicitly");
        return new ApiResource(entity.Group ?? "", entity.ApiVersion, entity.PluralName, namespaced);
    }

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
}
