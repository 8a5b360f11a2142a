namespace Honeydipper.Kubernetes.Resources.Schema;

/// <summary>An additionalPrinterColumn of the CRD; columns keep the order of their <see cref="Order"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PrinterColumnAttribute(int order, string name, string type, string jsonPath, string description) : Attribute
{
    public int Order { get; } = order;

    public string Name { get; } = name;

    /// <summary>string, integer, number, boolean or date.</summary>
    public string Type { get; } = type;

    public string JsonPath { get; } = jsonPath;

    public string Description { get; } = description;

    /// <summary>0 shows in kubectl get; 1 and above only in kubectl get -o wide.</summary>
    public int Priority { get; init; }
}
