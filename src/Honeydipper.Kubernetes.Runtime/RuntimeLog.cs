using Microsoft.Extensions.Logging;

namespace Honeydipper.Kubernetes.Runtime;

/// <summary>The runtime's log messages, source-generated, with stable property names.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Informer for {Resource} failed; relisting")]
    public static partial void InformerError(ILogger logger, string resource, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Watch of {Resource} expired at resourceVersion {ResourceVersion}; relisting")]
    public static partial void Relisting(ILogger logger, string resource, string resourceVersion);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "An event handler of the {Resource} informer threw")]
    public static partial void HandlerFailed(ILogger logger, string resource, Exception exception);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "{Controller}: reconcile of {Namespace}/{Name} threw; retrying with backoff")]
    public static partial void ReconcileThrew(ILogger logger, string controller, string @namespace, string name, Exception exception);

    [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "{Controller}: reconcile of {Namespace}/{Name} failed for good: {Reason}")]
    public static partial void ReconcileTerminal(ILogger logger, string controller, string @namespace, string name, string reason);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "{Controller}: retrying {Namespace}/{Name}: {Reason}")]
    public static partial void ReconcileRetry(ILogger logger, string controller, string @namespace, string name, string reason);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "{Identity} became the leader of {Namespace}/{Lease}")]
    public static partial void StartedLeading(ILogger logger, string identity, string @namespace, string lease);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "{Identity} stopped leading {Namespace}/{Lease}")]
    public static partial void StoppedLeading(ILogger logger, string identity, string @namespace, string lease);

    [LoggerMessage(EventId = 22, Level = LogLevel.Debug, Message = "Leader election of {Namespace}/{Lease} failed an attempt")]
    public static partial void ElectionError(ILogger logger, string @namespace, string lease, Exception exception);
}
