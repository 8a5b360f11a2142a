namespace Honeydipper.Kubernetes.Resources.Schema;

/// <summary>An OpenAPI format for a string field (for example date-time).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FormatAttribute(string format) : Attribute
{
    public string Format { get; } = format;
}
