namespace Honeydipper.Kubernetes.Runtime.Informers;

/// <summary>What an informer watches and how often it re-announces everything.</summary>
public sealed record InformerOptions
{
    /// <summary>Only this namespace; every namespace when null.</summary>
    public string? Namespace { get; init; }

    public string? LabelSelector { get; init; }

    /// <summary>Every cached object is announced again (as Updated, old == new) this often; never when null.</summary>
    public TimeSpan? ResyncPeriod { get; init; }

    /// <summary>How long one watch request stays open before the informer renews it.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait before relisting after an error.</summary>
    public TimeSpan ErrorBackoff { get; init; } = TimeSpan.FromMilliseconds(200);
}
