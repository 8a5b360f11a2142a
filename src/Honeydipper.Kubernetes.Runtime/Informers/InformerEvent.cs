namespace Honeydipper.Kubernetes.Runtime.Informers;

/// <summary>A change the informer saw: the new object, and for updates and deletes the one it replaced.</summary>
public sealed record InformerEvent<T>(InformerEventType Type, T Current, T? Old)
    where T : class;
