using Honeydipper.Kubernetes.Resources.WorkflowRuns;
using Honeydipper.Operator.Kube;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Operator.Runs;

/// <summary>
/// Deletes finished WorkflowRuns beyond each workflow's <c>spec.runHistory</c> (oldest first; the operator's default
/// for runs of no named workflow) and those older than <see cref="OperatorOptions.RunMaxAge"/>. Runs in progress
/// are never deleted.
/// </summary>
internal sealed partial class RunRetention(OperatorKube kube, OperatorOptions options)
{
    private readonly ILogger _logger = options.LoggerFactory.CreateLogger("Honeydipper.Operator.Retention");

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using PeriodicTimer timer = new(options.RetentionInterval, options.Time);
        try
        {
            do
            {
                await SweepAsync(cancellationToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        DateTime now = options.Time.GetUtcNow().UtcDateTime;
        int deleted = 0;
        IEnumerable<WorkflowRun> finished = kube.WorkflowRunInformer.Cache.List()
            .Where(r => r.Status?.FinishedAt is not null && r.Metadata.DeletionTimestamp is null);
        foreach (IGrouping<(string Namespace, string Workflow), WorkflowRun> group in finished.GroupBy(r => (r.Metadata.NamespaceProperty, r.Spec.Workflow ?? string.Empty)))
        {
            int keep = History(group.Key.Namespace, group.Key.Workflow);
            List<WorkflowRun> newestFirst = [.. group.OrderByDescending(r => r.Status!.FinishedAt)];
            foreach ((WorkflowRun run, int index) in newestFirst.Select((r, i) => (r, i)))
            {
                if (index < keep && now - run.Status!.FinishedAt!.Value <= options.RunMaxAge)
                {
                    continue;
                }

                try
                {
                    if (await kube.WorkflowRuns.DeleteAsync(group.Key.Namespace, run.Metadata.Name, cancellationToken).ConfigureAwait(false))
                    {
                        deleted++;
                    }
                }
                catch (k8s.Autorest.HttpOperationException ex)
                {
                    Log.DeleteFailed(_logger, group.Key.Namespace, run.Metadata.Name, ex.Message);
                }
            }
        }

        return deleted;
    }

    private int History(string ns, string workflow) =>
        workflow.Length > 0
        && kube.WorkflowInformer.Cache.List().FirstOrDefault(w => w.Metadata.NamespaceProperty == ns && (w.Spec.Name ?? w.Metadata.Name) == workflow) is { Spec.RunHistory: int history }
            ? history
            : options.DefaultRunHistory;

    private static partial class Log
    {
        [LoggerMessage(EventId = 340, Level = LogLevel.Warning, Message = "namespace {Namespace}: could not delete old WorkflowRun {Name}: {Error}")]
        public static partial void DeleteFailed(ILogger logger, string @namespace, string name, string error);
    }
}
