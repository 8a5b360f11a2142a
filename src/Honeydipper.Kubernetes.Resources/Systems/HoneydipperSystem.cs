using System.ComponentModel;
using Honeydipper.Kubernetes.Resources.Common;
using Honeydipper.Kubernetes.Resources.Schema;
using k8s.Models;

namespace Honeydipper.Kubernetes.Resources.Systems;

/// <summary>A Honeydipper system (kind System; named so in C# to stay clear of the System namespace).</summary>
[KubernetesEntity(Group = HoneydipperApi.Group, ApiVersion = HoneydipperApi.Version, Kind = "System", PluralName = "systems")]
[ShortName("hds")]
[Description("System is a Honeydipper system: an abstract service (GitHub, Slack, a cluster) with its data, the triggers it raises and the functions it offers, mapped to drivers. Conditions: Ready, or Invalid with the reason and the path of the fault in the message.")]
[PrinterColumn(1, "Description", "string", ".spec.description", "What the system is.", Priority = 1)]
[PrinterColumn(2, "Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", "Whether the system is valid and loaded.")]
[PrinterColumn(3, "Reason", "string", ".status.conditions[?(@.type==\"Ready\")].reason", "Why it is or is not ready.", Priority = 1)]
[PrinterColumn(4, "Age", "date", ".metadata.creationTimestamp", "Time since the object was created.")]
public sealed class HoneydipperSystem() : CustomResource<SystemSpec, SystemStatus>("System");
