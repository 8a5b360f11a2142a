using System.ComponentModel;
using Honeydipper.Kubernetes.Resources.Common;
using Honeydipper.Kubernetes.Resources.Schema;
using k8s.Models;

namespace Honeydipper.Kubernetes.Resources.Drivers;

/// <summary>A driver the operator runs as a Deployment connected to the namespace's event bus.</summary>
[KubernetesEntity(Group = HoneydipperApi.Group, ApiVersion = HoneydipperApi.Version, Kind = "Driver", PluralName = "drivers")]
[ShortName("hdd")]
[Description("Driver is a Honeydipper driver the operator runs as a Deployment in this namespace, connected to the namespace's event bus: a built-in driver (spec.type) or a custom image. Conditions: Ready (the desired replicas are available) and Available.")]
[PrinterColumn(1, "Type", "string", ".spec.type", "The built-in driver this runs (empty for a custom image).")]
[PrinterColumn(2, "Image", "string", ".spec.image", "The custom image, when not a built-in driver.", Priority = 1)]
[PrinterColumn(3, "Replicas", "integer", ".spec.replicas", "Desired replicas.", Priority = 1)]
[PrinterColumn(4, "Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", "Whether the desired replicas are available.")]
[PrinterColumn(5, "Age", "date", ".metadata.creationTimestamp", "Time since the object was created.")]
public sealed class Driver() : CustomResource<DriverSpec, DriverStatus>("Driver");
