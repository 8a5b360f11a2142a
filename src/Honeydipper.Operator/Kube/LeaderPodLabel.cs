using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Operator.Kube;

/// <summary>
/// Labels this replica's own pod <c>honeydipper.io/leader=true</c> while it leads, and takes the label off when its term
/// ends (and at start, in case a crash left it). The chart's API Service selects the label, so requests for runs reach
/// the replica that runs the engines; <c>kubectl get pods -l honeydipper.io/leader=true</c> shows the leader.
/// Best effort: a failed patch is logged and never stops the operator (the next term sets it again).
/// </summary>
internal sealed partial class LeaderPodLabel(IKubernetes client, string? podNamespace, string? podName, ILogger logger)
{
    public const string Label = "honeydipper.io/leader";

    public async Task SetAsync(bool leading, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(podNamespace) || string.IsNullOrEmpty(podName))
        {
            return; // not in a pod (a laptop, a test without one): nothing to label
        }

        string value = leading ? "\"true\"" : "null";
        V1Patch patch = new($"{{\"metadata\":{{\"labels\":{{\"{Label}\":{value}}}}}}}", V1Patch.PatchType.MergePatch);
        try
        {
            await client.CoreV1.PatchNamespacedPodAsync(patch, podName, podNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.LabelFailed(logger, podNamespace, podName, leading, ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 360, Level = LogLevel.Warning, Message = "could not label pod {Namespace}/{Pod} leader={Leading}: {Error} (the API Service may route to a standby replica until it is set)")]
        public static partial void LabelFailed(ILogger logger, string @namespace, string pod, bool leading, string error);
    }
}
