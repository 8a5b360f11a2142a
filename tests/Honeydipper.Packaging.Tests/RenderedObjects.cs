using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace Honeydipper.Packaging.Tests;

/// <summary>
/// A rendered chart as typed Kubernetes objects: every document must be a kind this chart may render (the client's
/// model types, plus the Prometheus Operator's ServiceMonitor, kept as YAML).
/// </summary>
internal sealed partial class RenderedObjects
{
    private static readonly HashSet<(string ApiVersion, string Kind)> Known =
    [
        ("v1", "ServiceAccount"), ("v1", "Service"), ("apps/v1", "Deployment"), ("apps/v1", "StatefulSet"), ("policy/v1", "PodDisruptionBudget"),
        ("rbac.authorization.k8s.io/v1", "ClusterRole"), ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
        ("rbac.authorization.k8s.io/v1", "Role"), ("rbac.authorization.k8s.io/v1", "RoleBinding"),
        ("apiextensions.k8s.io/v1", "CustomResourceDefinition"), ("monitoring.coreos.com/v1", "ServiceMonitor"),
    ];

    private RenderedObjects(List<(string Text, YamlMappingNode Yaml, object? Typed)> all) => All = all;

    public List<(string Text, YamlMappingNode Yaml, object? Typed)> All { get; }

    public IEnumerable<T> Of<T>() => All.Select(o => o.Typed).OfType<T>();

    public IEnumerable<YamlMappingNode> OfKind(string kind) => All.Where(o => o.Yaml.Str("kind") == kind).Select(o => o.Yaml);

    /// <summary>Splits helm's output into documents; fails on a kind that is not known.</summary>
    public static RenderedObjects From(string rendered)
    {
        List<(string, YamlMappingNode, object?)> all = [];
        foreach (string text in DocumentSeparator().Split(rendered).Where(t => t.Trim().Length > 0))
        {
            YamlMappingNode? yaml = Chart.Parse(text).SingleOrDefault();
            if (yaml is null)
            {
                continue; // only comments
            }

            (string? apiVersion, string? kind) = (yaml.Str("apiVersion"), yaml.Str("kind"));
            Assert.True(apiVersion is not null && kind is not null && Known.Contains((apiVersion, kind)), $"a rendered object of an unexpected apiVersion/kind {apiVersion}/{kind}:\n{text}");
            object? typed = kind == "ServiceMonitor" ? null : KubernetesYaml.LoadAllFromString(text).Single();
            all.Add((text, yaml, typed));
        }

        return new RenderedObjects(all);
    }

    [GeneratedRegex(@"^---[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();
}
