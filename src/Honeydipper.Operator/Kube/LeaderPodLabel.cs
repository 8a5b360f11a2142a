using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Operator.Kube;

/// <summary>
/// Labels this replica's own pod <c>honeydipper.io/leader=true</c> while it leads, and takes the label off when its term
/// ends (and at start, in case a crash left it); a new leader also takes it off a previous leader's pod that still has it. The chart's API Service selects the label, so requests for runs reach
/// the replica that runs the engines; <c>kubectl get pods -l honeydipper.io/leader=true</c> shows the leader.
/// Best effort: a failed patch is logged and never stops the operator (the next term sets it again).
/// </summary>
internal sealed partial class LeaderPodLabel(IKubernetes client, string? podNamespace, string? podName, ILogger logger)
{
    public const string Label = "honeydipper.io/leader";

    // The labels that tell this operator's replicas from other pods in the namespace (the chart sets them).
    private static readonly string[] AppLabels = ["app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component"];

    public async Task SetAsync(bool leading, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(podNamespace) || string.IsNullOrEmpty(podName))
        {
            return; // not in a pod (a laptop, a test without one): nothing to label
        }

        V1Pod self;
        try
        {
            self = await client.CoreV1.PatchNamespacedPodAsync(LabelPatch(leading), podName, podNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.LabelFailed(logger, podNamespace, podName, leading, ex.Message);
            return;
        }

        if (leading)
        {
            await UnlabelOthersAsync(self, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes the label off the other replicas of this operator that still carry it: a leader cut off from the API
    /// server keeps its label until it notices its term is over, and meanwhile the Service would send it requests
    /// for runs it no longer runs. Only pods with this pod's app labels are touched (another install's are not).
    /// </summary>
    private async Task UnlabelOthersAsync(V1Pod self, CancellationToken cancellationToken)
    {
        IEnumerable<string> same = AppLabels
            .Where(k => self.Metadata.Labels?.ContainsKey(k) == true)
            .Select(k => $"{k}={self.Metadata.Labels![k]}");
        string selector = string.Join(',', same.Prepend($"{Label}=true"));
        try
        {
            V1PodList leaders = await client.CoreV1.ListNamespacedPodAsync(podNamespace, labelSelector: selector, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (V1Pod other in leaders.Items.Where(p => p.Metadata.Name != podName))
            {
                await client.CoreV1.PatchNamespacedPodAsync(LabelPatch(false), other.Metadata.Name, podNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
                Log.StaleLabelRemoved(logger, podNamespace!, other.Metadata.Name);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.LabelFailed(logger, podNamespace!, podName!, false, "taking the label off the previous leader: " + ex.Message);
        }
    }

    /// <summary>A merge patch that sets the label, or removes it.</summary>
    private static V1Patch LabelPatch(bool leading) =>
        new($"{{\"metadata\":{{\"labels\":{{\"{Label}\":{(leading ? "\"true\"" : "null")}}}}}}}", V1Patch.PatchType.MergePatch);

    private static partial class Log
    {
        [LoggerMessage(EventId = 360, Level = LogLevel.Warning, Message = "could not label pod {Namespace}/{Pod} leader={Leading}: {Error} (the API Service may route to a standby replica until it is set)")]
        public static partial void LabelFailed(ILogger logger, string @namespace, string pod, bool leading, string error);

        [LoggerMessage(EventId = 361, Level = LogLevel.Information, Message = "took the leader label off pod {Namespace}/{Pod}: it led before and has not noticed its term ended")]
        public static partial void StaleLabelRemoved(ILogger logger, string @namespace, string pod);
    }
}
