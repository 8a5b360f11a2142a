namespace Honeydipper.Kubernetes.Resources.Schema;

/// <summary>A kubectl short name of the kind (kubectl get hdr).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class ShortNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
