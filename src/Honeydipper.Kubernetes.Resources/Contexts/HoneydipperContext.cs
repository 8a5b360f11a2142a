using System.ComponentModel;
using Honeydipper.Kubernetes.Resources.Common;
using Honeydipper.Kubernetes.Resources.Schema;
using k8s.Models;

namespace Honeydipper.Kubernetes.Resources.Contexts;

/// <summary>A Honeydipper named context (kind Context).</summary>
[KubernetesEntity(Group = HoneydipperApi.Group, ApiVersion = HoneydipperApi.Version, Kind = "Context", PluralName = "contexts")]
[ShortName("hdc")]
[Description("Context is a Honeydipper named context: variables applied to workflows by name (the _default context applies to all). Conditions: Ready, or Invalid with the reason.")]
[PrinterColumn(1, "Context", "string", ".spec.name", "The Honeydipper context name, when it differs from metadata.name.")]
[PrinterColumn(2, "Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", "Whether the context is valid.")]
[PrinterColumn(3, "Age", "date", ".metadata.creationTimestamp", "Time since the object was created.")]
public sealed class HoneydipperContext() : CustomResource<ContextSpec, ContextStatus>("Context");
