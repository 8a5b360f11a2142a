using k8s;
using k8s.Autorest;
using k8s.Models;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Kubernetes.Runtime.Leadership;

/// <summary>
/// Leader election on a coordination.k8s.io Lease, wrapping the client's <see cref="LeaderElector"/>: work that
/// needs leadership (reconcile writers, the engine) runs only while this instance holds the lease and is
/// cancelled the moment it loses it; then the instance campaigns again. Informers need no leadership, so a
/// standby keeps its caches warm.
/// </summary>
public sealed class LeaderElection(IKubernetes client, LeaderElectionOptions options, ILogger logger)
{
    private volatile bool leading;

    public string Identity => options.Identity;

    public bool IsLeader => leading;

    /// <summary>Raised with true when this instance starts leading and false when it stops.</summary>
    public event Action<bool>? LeadershipChanged;

    /// <summary>Gives the lease up if this instance still holds it; best effort, the lease expires anyway.</summary>
    private async Task ReleaseAsync()
    {
        using CancellationTokenSource timeout = new(options.RenewDeadline);
        try
        {
            V1Lease lease = await client.CoordinationV1.ReadNamespacedLeaseAsync(options.LeaseName, options.Namespace, cancellationToken: timeout.Token).ConfigureAwait(false);
            if (lease.Spec?.HolderIdentity != options.Identity)
            {
                return;
            }

            // An empty (not absent) holder is what the client's elector treats as free to take.
            lease.Spec.HolderIdentity = "";
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.RenewTime = DateTime.UtcNow;
            await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, options.LeaseName, options.Namespace, cancellationToken: timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpOperationException or OperationCanceledException or HttpRequestException)
        {
            RuntimeLog.ElectionError(logger, options.Namespace, options.LeaseName, e);
        }
    }

    /// <summary>Campaigns until cancelled, running <paramref name="whileLeading"/> during each term.</summary>
    public async Task RunAsync(Func<CancellationToken, Task> whileLeading, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(whileLeading);
        while (!cancellationToken.IsCancellationRequested)
        {
            using CancellationTokenSource term = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task work = Task.CompletedTask;
            bool held = false;
            LeaseLock lease = new(client, options.Namespace, options.LeaseName, options.Identity);
            using LeaderElector elector = new(new LeaderElectionConfig(lease)
            {
                LeaseDuration = options.LeaseDuration,
                RenewDeadline = options.RenewDeadline,
                RetryPeriod = options.RetryPeriod,
            });
            elector.OnStartedLeading += () =>
            {
                leading = true;
                held = true;
                RuntimeLog.StartedLeading(logger, options.Identity, options.Namespace, options.LeaseName);
                LeadershipChanged?.Invoke(true);
                work = Task.Run(() => whileLeading(term.Token), CancellationToken.None);
            };
            elector.OnStoppedLeading += () =>
            {
                // Stop the writers first: from here on another instance may hold the lease.
                leading = false;
                term.Cancel();
                RuntimeLog.StoppedLeading(logger, options.Identity, options.Namespace, options.LeaseName);
                LeadershipChanged?.Invoke(false);
            };
            elector.OnError += e => RuntimeLog.ElectionError(logger, options.Namespace, options.LeaseName, e);
            try
            {
                await elector.RunUntilLeadershipLostAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // stopping
            }
            finally
            {
                leading = false;
                await term.CancelAsync().ConfigureAwait(false);
                if (held && cancellationToken.IsCancellationRequested && options.ReleaseOnCancel)
                {
                    await ReleaseAsync().ConfigureAwait(false);
                }
            }

            try
            {
                await work.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // the term ended
            }
        }
    }
}
