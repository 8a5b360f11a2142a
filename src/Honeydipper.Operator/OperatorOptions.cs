using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Honeydipper.Operator;

/// <summary>How <c>honeydipper operator</c> runs.</summary>
public sealed record OperatorOptions
{
    /// <summary>Only this namespace; every namespace when null.</summary>
    public string? WatchNamespace { get; init; }

    /// <summary>This replica's name (the pod name): the leader lease holder and the engine's consumer name.</summary>
    public string Identity { get; init; } = Environment.GetEnvironmentVariable("POD_NAME") ?? $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Where the leader lease lives (the operator's own namespace).</summary>
    public string LeaseNamespace { get; init; } = "default";

    public string LeaseName { get; init; } = "honeydipper-operator";

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The Redis address driver pods connect to (host:port), passed to them as HD_REDIS.</summary>
    public string DriverRedis { get; init; } = "redis:6379";

    /// <summary>A Secret (and key) holding the Redis password, given to driver pods as HD_REDIS_PASSWORD; none when null.</summary>
    public (string Name, string Key)? DriverRedisPassword { get; init; }

    /// <summary>The image built-in drivers run from (the operator's own).</summary>
    public string DriverImage { get; init; } = "ghcr.io/honeydipper/honeydipper-operator:latest";

    /// <summary>Finished WorkflowRuns kept per workflow when the Workflow does not say (spec.runHistory).</summary>
    public int DefaultRunHistory { get; init; } = 50;

    /// <summary>Finished WorkflowRuns older than this are deleted.</summary>
    public TimeSpan RunMaxAge { get; init; } = TimeSpan.FromDays(7);

    public TimeSpan RetentionInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A run's status is written at most this often while it runs (always when it ends).</summary>
    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Every namespace is compiled again this often (Secrets named by dataFrom are read then).</summary>
    public TimeSpan ConfigResync { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Engine: messages another instance left unacknowledged this long are taken over.</summary>
    public TimeSpan ClaimIdleAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Where /healthz, /readyz and /metrics listen (host:port); none when null.</summary>
    public string? HealthListen { get; init; } = "0.0.0.0:8081";

    /// <summary>
    /// Where the API and the dashboard listen (host:port); none when null. Requests are authenticated with TokenReview
    /// and authorised with SubjectAccessReview; namespaces are served by the replica that leads.
    /// </summary>
    public string? ApiListen { get; init; }

    /// <summary>
    /// This replica's pod (namespace and name, from $POD_NAMESPACE and $POD_NAME), labelled honeydipper.io/leader=true
    /// while it leads; none when null (not in a pod).
    /// </summary>
    public (string Namespace, string Name)? Pod { get; init; }

    /// <summary>Where audit records go besides the log (a Redis stream); none when null.</summary>
    public Honeydipper.Api.Audit.IAuditSink? AuditSink { get; init; }

    /// <summary>Where ConfigRepos are mirrored (a bare repository per URL and the commits in use).</summary>
    public string GitCacheDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "honeydipper-git");

    /// <summary>The longest a ConfigRepo fetch may take before it counts as failed.</summary>
    public TimeSpan GitTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The driver types a ConfigRepo may create Driver objects for (the built-in ones).</summary>
    public IReadOnlySet<string> RunnableDriverTypes { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "webhook", "web", "kubernetes", "cron", "redis" };

    /// <summary>The loader's environment for ConfigRepos: the <c>HD_*</c> variables <c>{% %}</c> templates read.</summary>
    public IReadOnlyDictionary<string, string> LoaderEnvironment { get; init; } =
        Core.Config.Loading.ConfigLoaderOptions.ProcessEnvironment().Where(e => e.Key.StartsWith("HD_", StringComparison.Ordinal) && e.Key != "HD_REDIS_PASSWORD")
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
