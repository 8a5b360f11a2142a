using System.ComponentModel;
using Honeydipper.Kubernetes.Resources.Common;
using Honeydipper.Kubernetes.Resources.Schema;
using k8s.Models;

namespace Honeydipper.Kubernetes.Resources.Rules;

/// <summary>When an event matches, run a workflow.</summary>
[KubernetesEntity(Group = HoneydipperApi.Group, ApiVersion = HoneydipperApi.Version, Kind = "Rule", PluralName = "rules")]
[ShortName("hdr")]
[Description("Rule runs a workflow (do) when an event matches its trigger (when): a system trigger or a raw driver event, narrowed by if_match. Conditions: Ready, or Invalid with the reason and the path of the fault in the message.")]
[PrinterColumn(1, "System", "string", ".spec.when.source.system", "The system whose trigger the rule listens to.")]
[PrinterColumn(2, "Trigger", "string", ".spec.when.source.trigger", "The trigger of that system.")]
[PrinterColumn(3, "Driver", "string", ".spec.when.driver", "The driver, for a rule on a raw driver event.")]
[PrinterColumn(4, "Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", "Whether the rule is valid and active.")]
[PrinterColumn(5, "Suspended", "boolean", ".spec.suspend", "A suspended rule matches nothing.", Priority = 1)]
[PrinterColumn(6, "Triggered", "integer", ".status.triggerCount", "How many times the rule started its workflow.", Priority = 1)]
[PrinterColumn(7, "Last Triggered", "date", ".status.lastTriggered", "When the rule last started its workflow.", Priority = 1)]
[PrinterColumn(8, "Age", "date", ".metadata.creationTimestamp", "Time since the object was created.")]
public sealed class Rule() : CustomResource<RuleSpec, RuleStatus>("Rule");
