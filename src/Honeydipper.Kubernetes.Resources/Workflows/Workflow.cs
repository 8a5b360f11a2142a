using System.ComponentModel;
using Honeydipper.Kubernetes.Resources.Common;
using Honeydipper.Kubernetes.Resources.Schema;
using k8s.Models;

namespace Honeydipper.Kubernetes.Resources.Workflows;

/// <summary>A named Honeydipper workflow.</summary>
[KubernetesEntity(Group = HoneydipperApi.Group, ApiVersion = HoneydipperApi.Version, Kind = "Workflow", PluralName = "workflows")]
[ShortName("hdw")]
[Description("Workflow is a named Honeydipper workflow; every Honeydipper workflow key sits directly in spec. Create a WorkflowRun to run it now. Conditions: Ready, or Invalid with the reason and the path of the fault in the message.")]
[PrinterColumn(1, "Description", "string", ".spec.description", "What the workflow does.", Priority = 1)]
[PrinterColumn(2, "Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", "Whether the workflow is valid.")]
[PrinterColumn(3, "Last Run", "string", ".status.lastRun", "The latest WorkflowRun of this workflow.")]
[PrinterColumn(4, "Phase", "string", ".status.lastRunPhase", "The phase of that run.")]
[PrinterColumn(5, "Age", "date", ".metadata.creationTimestamp", "Time since the object was created.")]
public sealed class Workflow() : CustomResource<WorkflowSpec, WorkflowStatus>("Workflow");
