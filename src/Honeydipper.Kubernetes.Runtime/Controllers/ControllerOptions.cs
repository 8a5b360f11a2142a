namespace Honeydipper.Kubernetes.Runtime.Controllers;

/// <summary>How a controller runs.</summary>
public sealed record ControllerOptions
{
    /// <summary>Names the controller in logs.</summary>
    public string Name { get; init; } = "controller";

    /// <summary>Reconciles running at once (never two for the same object).</summary>
    public int Workers { get; init; } = 2;
}
