using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Operator.Kube;

/// <summary>
/// Kubernetes Events for notable changes (an object turned invalid, a run failed), so that <c>kubectl describe</c>
/// and <c>kubectl get events</c> tell the story. Best effort: a failure to record is logged, never fatal. Messages
/// never carry secret values.
/// </summary>
internal sealed partial class EventRecorder(IKubernetes client, string component, TimeProvider time, ILogger logger)
{
    public const string Normal = "Normal";
    public const string Warning = "Warning";

    public async Task RecordAsync(V1ObjectReference? involved, string type, string reason, string message, CancellationToken cancellationToken)
    {
        if (involved is null)
        {
            return;
        }

        DateTime now = time.GetUtcNow().UtcDateTime;
        Corev1Event ev = new()
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"{involved.Name}.{now.Ticks:x}{Random.Shared.Next(0x1000):x3}",
                NamespaceProperty = involved.NamespaceProperty,
            },
            InvolvedObject = involved,
            Type = type,
            Reason = reason,
            Message = message.Length > 1024 ? message[..1021] + "..." : message,
            Source = new V1EventSource { Component = component },
            ReportingComponent = component,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(ev, involved.NamespaceProperty, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.EventFailed(logger, involved.Kind, involved.Name, reason, ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "could not record event {Reason} for {Kind} {Name}: {Error}")]
        public static partial void EventFailed(ILogger logger, string kind, string name, string reason, string error);
    }
}
