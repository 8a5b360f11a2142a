using k8s;
using k8s.Models;
using Honeydipper.Drivers.Sdk;

namespace Honeydipper.Drivers.Kubernetes;

/// <summary>The original's job actions: createJob, waitForJob, getJobLog and deleteJob.</summary>
internal static class KubernetesJobs
{
    /// <summary>A label that makes createJob idempotent: a job still active with the same value is returned instead of a new one.</summary>
    public const string UniqueLabel = "honeydipper-unique-identifier";

    /// <summary>Creates a job from <c>job</c> (a manifest), over the job template of <c>fromCronJob</c> (<c>[namespace/]name</c>) when given.</summary>
    public static async Task<CommandResult> CreateAsync(KubernetesTarget cluster, CommandContext ctx, CancellationToken cancellationToken)
    {
        string ns = cluster.NamespaceFor(ctx);
        object? manifest = ctx.Parameters.TryGetValue("job", out object? j) ? j : null;
        if (manifest is not IDictionary<string, object?> && !ctx.Parameters.ContainsKey("fromCronJob"))
        {
            throw new InvalidOperationException("[kubernetes] createJob: parameter job (a Job manifest) is required but missing");
        }

        object? data = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (ctx.Text("fromCronJob") is { Length: > 0 } from)
        {
            int slash = from.LastIndexOf('/');
            string cronNamespace = slash > 0 ? from[..slash] : ns;
            if (cronNamespace != ns)
            {
                throw new InvalidOperationException($"[kubernetes] createJob: fromCronJob \"{from}\" is in namespace \"{cronNamespace}\", but this driver works only in \"{ns}\"");
            }

            V1CronJob cron = await KubernetesTarget.Call($"createJob: reading cronjob {from}", () => cluster.Client.BatchV1.ReadNamespacedCronJobAsync(from[(slash + 1)..], ns, cancellationToken: cancellationToken)).ConfigureAwait(false);
            data = new Dictionary<string, object?>(StringComparer.Ordinal) { ["spec"] = KubernetesTarget.ToData(cron.Spec.JobTemplate.Spec) };
        }

        V1Job job = KubernetesTarget.FromData<V1Job>(ManifestMerge.Merge(data, manifest), "job");
        job.ApiVersion ??= "batch/v1";
        job.Kind ??= "Job";
        V1Job? result = null;
        if (job.Metadata?.Labels is { } labels && labels.TryGetValue(UniqueLabel, out string? unique))
        {
            V1JobList existing = await KubernetesTarget.Call("createJob: looking for an active job with the same " + UniqueLabel, () => cluster.Client.BatchV1.ListNamespacedJobAsync(ns, labelSelector: $"{UniqueLabel}={unique}", cancellationToken: cancellationToken)).ConfigureAwait(false);
            result = existing.Items.FirstOrDefault(item => item.Status?.Active > 0);
        }

        result ??= await KubernetesTarget.Call($"createJob {job.Metadata?.Name ?? job.Metadata?.GenerateName}", () => cluster.Client.BatchV1.CreateNamespacedJobAsync(job, ns, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return CommandResult.Success(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["metadata"] = KubernetesTarget.ToData(result.Metadata),
            ["status"] = KubernetesTarget.ToData(result.Status),
        });
    }

    /// <summary>Waits until the job completes or fails (a watch, resumed when it ends); the command's <c>timeout</c> bounds the wait.</summary>
    public static async Task<CommandResult> WaitAsync(KubernetesTarget cluster, CommandContext ctx, CancellationToken cancellationToken)
    {
        string ns = cluster.NamespaceFor(ctx);
        string name = KubernetesTarget.Required(ctx, "job", "waitForJob");
        while (true)
        {
            V1JobList list = await KubernetesTarget.Call($"waitForJob: reading job {name}", () => cluster.Client.BatchV1.ListNamespacedJobAsync(ns, fieldSelector: $"metadata.name={name}", cancellationToken: cancellationToken)).ConfigureAwait(false);
            V1Job job = list.Items.FirstOrDefault() ?? throw new InvalidOperationException($"[kubernetes] waitForJob: job \"{name}\" not found in namespace \"{ns}\"");
            if (Finished(job) is { } done)
            {
                return done;
            }

            var response = cluster.Client.BatchV1.ListNamespacedJobWithHttpMessagesAsync(ns, fieldSelector: $"metadata.name={name}", resourceVersion: list.Metadata.ResourceVersion, watch: true, timeoutSeconds: 300, cancellationToken: cancellationToken);
#pragma warning disable CS0618 // The client marks WatchAsync for a future change; it is still the watch it offers.
            await foreach ((WatchEventType type, V1Job changed) in response.WatchAsync<V1Job, V1JobList>(_ => { }, cancellationToken).ConfigureAwait(false))
#pragma warning restore CS0618
            {
                if (type == WatchEventType.Deleted)
                {
                    return CommandResult.Failure($"job {name} was deleted before it finished");
                }

                if (type is WatchEventType.Added or WatchEventType.Modified && Finished(changed) is { } result)
                {
                    return result;
                }
            }

            // The watch ended (its time limit, a dropped connection, an expired version): read again and go on.
        }
    }

    /// <summary>The logs of the job's pods (<c>log</c>: pod → container → text) and a summary (<c>output</c>); fails when the job failed.</summary>
    public static async Task<CommandResult> LogAsync(KubernetesTarget cluster, CommandContext ctx, CancellationToken cancellationToken)
    {
        string ns = cluster.NamespaceFor(ctx);
        string name = KubernetesTarget.Required(ctx, "job", "getJobLog");
        V1JobList jobs = await KubernetesTarget.Call($"getJobLog: reading job {name}", () => cluster.Client.BatchV1.ListNamespacedJobAsync(ns, fieldSelector: $"metadata.name={name}", cancellationToken: cancellationToken)).ConfigureAwait(false);
        V1Job job = jobs.Items.FirstOrDefault() ?? throw new InvalidOperationException($"[kubernetes] getJobLog: job \"{name}\" not found in namespace \"{ns}\"");
        V1PodList pods = await KubernetesTarget.Call($"getJobLog: listing the pods of job {name}", () => cluster.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: $"job-name={name}", cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (pods.Items.Count == 0)
        {
            throw new InvalidOperationException($"[kubernetes] getJobLog: job \"{name}\" has no pods (yet)");
        }

        Dictionary<string, object?> logs = new(StringComparer.Ordinal);
        List<string> messages = [];
        foreach (V1Pod pod in pods.Items)
        {
            foreach (V1ContainerStatus status in (pod.Status?.InitContainerStatuses ?? []).Concat(pod.Status?.ContainerStatuses ?? []))
            {
                messages.Add(status.State?.Terminated switch
                {
                    null => $"container {pod.Metadata.Name}.{status.Name} not terminated",
                    { ExitCode: not 0 } t => $"container {pod.Metadata.Name}.{status.Name} exit with code {t.ExitCode}",
                    _ => $"container {pod.Metadata.Name}.{status.Name} completed successfully",
                });
            }

            messages.Add(">>>Logs<<<");
            Dictionary<string, object?> podLogs = new(StringComparer.Ordinal);
            foreach (V1Container container in (pod.Spec?.InitContainers ?? []).Concat(pod.Spec?.Containers ?? []))
            {
                string text;
                try
                {
                    using Stream stream = await cluster.Client.CoreV1.ReadNamespacedPodLogAsync(pod.Metadata.Name, ns, container: container.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
                    using StreamReader reader = new(stream);
                    text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is k8s.Autorest.HttpOperationException or HttpRequestException or IOException)
                {
                    text = $"Error: unable to fetch the logs from the container {pod.Metadata.Name}.{container.Name}";
                }

                podLogs[container.Name] = text;
                messages.Add(text);
            }

            logs[pod.Metadata.Name] = podLogs;
        }

        string output = string.Join('\n', messages);
        Dictionary<string, object?> data = new(StringComparer.Ordinal) { ["log"] = logs, ["output"] = output };
        // As the original: a job that has not failed (finished or not) counts as success here.
        return Conditions(job).Failed ? CommandResult.Failure(output, data) : CommandResult.Success(data);
    }

    public static async Task<CommandResult> DeleteAsync(KubernetesTarget cluster, CommandContext ctx, CancellationToken cancellationToken)
    {
        string ns = cluster.NamespaceFor(ctx);
        string name = KubernetesTarget.Required(ctx, "job", "deleteJob");
        await KubernetesTarget.Call($"deleteJob {name}", () => cluster.Client.BatchV1.DeleteNamespacedJobAsync(name, ns, propagationPolicy: "Background", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return CommandResult.Success();
    }

    /// <summary>success or failure once the job has a terminal condition (the original's reasons as the failure's reason); null while it runs.</summary>
    private static CommandResult? Finished(V1Job job)
    {
        (bool failed, bool complete, string reasons) = Conditions(job);
        Dictionary<string, object?> data = new(StringComparer.Ordinal) { ["status"] = KubernetesTarget.ToData(job.Status) };
        return failed ? CommandResult.Failure(reasons, data) : complete ? CommandResult.Success(data) : null;
    }

    private static (bool Failed, bool Complete, string Reasons) Conditions(V1Job job)
    {
        IList<V1JobCondition> conditions = job.Status?.Conditions ?? [];
        foreach (V1JobCondition condition in conditions.Where(c => c.Status == "True"))
        {
            if (condition.Type == "Failed")
            {
                return (true, true, string.Join('\n', conditions.Select(c => c.Reason)));
            }

            if (condition.Type is "Complete" or "SuccessCriteriaMet")
            {
                return (false, true, string.Empty);
            }
        }

        return (false, false, string.Empty);
    }
}
