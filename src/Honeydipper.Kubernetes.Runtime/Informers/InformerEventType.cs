namespace Honeydipper.Kubernetes.Runtime.Informers;

/// <summary>What happened to an object in the informer's cache.</summary>
public enum InformerEventType
{
    Added,
    Updated,
    Deleted,
}
