using Honeydipper.Core.Values;
using Honeydipper.Kubernetes.Resources.Contexts;
using Honeydipper.Kubernetes.Resources.Drivers;
using Honeydipper.Kubernetes.Resources.Rules;
using Honeydipper.Kubernetes.Resources.Systems;
using Honeydipper.Kubernetes.Resources.Workflows;
using Honeydipper.Operator.Compilation;
using k8s;
using k8s.Models;

namespace Honeydipper.Operator.Kube;

/// <summary>Our custom resources as the compiler sees them: specs as data trees, read the way Honeydipper reads YAML.</summary>
internal static class SpecTree
{
    /// <summary>A spec as a data tree: through JSON, so numbers are doubles as in Honeydipper configuration.</summary>
    public static IDictionary<string, object?>? Of<TSpec>(TSpec spec) =>
        spec is null ? null : GoJson.Deserialize(KubernetesJson.Serialize(spec)) as IDictionary<string, object?>;

    public static ConfigObject From(Driver d) => Make("Driver", d.Metadata, Of(d.Spec));

    public static ConfigObject From(HoneydipperSystem s) => Make("System", s.Metadata, Of(s.Spec));

    public static ConfigObject From(Rule r) => Make("Rule", r.Metadata, Of(r.Spec));

    public static ConfigObject From(Workflow w) => Make("Workflow", w.Metadata, Of(w.Spec));

    public static ConfigObject From(HoneydipperContext c) => Make("Context", c.Metadata, Of(c.Spec));

    private static ConfigObject Make(string kind, V1ObjectMeta metadata, IDictionary<string, object?>? spec) => new()
    {
        Kind = kind,
        Name = metadata.Name,
        Generation = metadata.Generation ?? 0,
        Created = metadata.CreationTimestamp,
        Spec = spec,
    };
}
