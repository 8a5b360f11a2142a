namespace Honeydipper.Kubernetes.Resources.Schema;

/// <summary>
/// Marks a class whose objects may carry fields beyond the declared ones (x-kubernetes-preserve-unknown-fields),
/// as a Workflow spec does with every Honeydipper workflow key.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property)]
public sealed class PreserveUnknownFieldsAttribute : Attribute;
