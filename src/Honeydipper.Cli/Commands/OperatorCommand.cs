using System.CommandLine;
using Honeydipper.Bus.Redis;
using Honeydipper.Operator;
using k8s;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Cli.Commands;

/// <summary><c>honeydipper operator</c>: the in-cluster process (the Deployment the Helm chart installs).</summary>
internal static class OperatorCommand
{
    public static Command Create(CliEnvironment env)
    {
        Option<string?> kubeconfig = new("--kubeconfig") { Description = "A kubeconfig file; default: the in-cluster service account, else the files of $KUBECONFIG merged, else ~/.kube/config." };
        Option<string?> redis = new("--redis") { Description = "Redis for the event bus and the engine's state (host:port or a StackExchange.Redis configuration); default $HD_REDIS." };
        Option<string?> ns = new("--namespace") { Description = "Watch only this namespace; default: all namespaces." };
        Option<string?> leaseNamespace = new("--lease-namespace") { Description = "Where the leader Lease lives; default $POD_NAMESPACE, else the watched namespace, else default." };
        Option<string?> identity = new("--identity") { Description = "This replica's name for the lease; default $POD_NAME, else host and process id." };
        Option<string?> driverRedis = new("--driver-redis") { Description = "The Redis address driver pods use (host:port); default: the host:port of --redis." };
        Option<string?> driverImage = new("--driver-image") { Description = "The image built-in drivers run from; default $HD_DRIVER_IMAGE, else the operator's release image." };
        Option<string?> driverRedisSecret = new("--driver-redis-secret") { Description = "A Secret key (name/key) in each driver's namespace holding the Redis password, given to driver pods as HD_REDIS_PASSWORD; default $HD_DRIVER_REDIS_SECRET, else none." };
        Option<string?> gitCache = new("--git-cache") { Description = "Where ConfigRepos are mirrored (a writable folder, e.g. an emptyDir); default $HD_GIT_CACHE, else the temporary folder." };
        Option<string> api = new("--api") { Description = "Where the API and the dashboard listen (host:port; \"off\" for none); bearer tokens are checked with TokenReview, access with SubjectAccessReview.", DefaultValueFactory = _ => "0.0.0.0:9000" };
        Option<int> auditRetention = new("--audit-retention") { Description = "About how many audit records each namespace's Redis stream hd:{ns}:audit keeps (0: none written to Redis; they are logged anyway).", DefaultValueFactory = _ => 10_000 };
        Option<string> health = new("--health") { Description = "Where /healthz, /readyz and /metrics listen (host:port; \"off\" for none).", DefaultValueFactory = _ => "0.0.0.0:8081" };
        Command command = new("operator", "Run the Honeydipper operator: reconcile the honeydipper.io objects, run driver Deployments and the engine, and record runs as WorkflowRuns.")
        {
            kubeconfig, redis, ns, leaseNamespace, identity, driverRedis, driverRedisSecret, driverImage, gitCache, health, api, auditRetention,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            string? connection = parse.GetValue(redis) ?? env.Variables.GetValueOrDefault("HD_REDIS");
            if (string.IsNullOrEmpty(connection))
            {
                output.WriteLine("no Redis to connect to: pass --redis host:port or set HD_REDIS");
                return 1;
            }

            KubernetesClientConfiguration config;
            try
            {
                config = await KubeconfigAsync(parse.GetValue(kubeconfig), env).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is k8s.Exceptions.KubeConfigException or FileNotFoundException or IOException)
            {
                output.WriteLine($"no cluster to talk to: {ex.Message} (pass --kubeconfig, or run in a pod)");
                return 1;
            }

            string? passwordSecret = parse.GetValue(driverRedisSecret) ?? env.Variables.GetValueOrDefault("HD_DRIVER_REDIS_SECRET");
            string[]? secretParts = passwordSecret?.Split('/');
            if (secretParts is not null && (secretParts.Length != 2 || secretParts.Any(string.IsNullOrWhiteSpace)))
            {
                output.WriteLine($"--driver-redis-secret \"{passwordSecret}\" is not name/key: give the Secret's name and the key holding the password, e.g. redis-auth/password");
                return 1;
            }

            using ILoggerFactory logging = LoggerFactory.Create(b => b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; }).SetMinimumLevel(LogLevel.Information));
            string? watched = parse.GetValue(ns);
            OperatorOptions options = new()
            {
                WatchNamespace = watched,
                Identity = parse.GetValue(identity) ?? env.Variables.GetValueOrDefault("POD_NAME") ?? $"{Environment.MachineName}-{Environment.ProcessId}",
                LeaseNamespace = parse.GetValue(leaseNamespace) ?? env.Variables.GetValueOrDefault("POD_NAMESPACE") ?? watched ?? "default",
                DriverRedis = parse.GetValue(driverRedis) ?? connection.Split(',')[0],
                GitCacheDirectory = parse.GetValue(gitCache) ?? env.Variables.GetValueOrDefault("HD_GIT_CACHE") ?? new OperatorOptions().GitCacheDirectory,
                DriverRedisPassword = secretParts is null ? null : (secretParts[0], secretParts[1]),
                DriverImage = parse.GetValue(driverImage) ?? env.Variables.GetValueOrDefault("HD_DRIVER_IMAGE") ?? new OperatorOptions().DriverImage,
                HealthListen = parse.GetValue(health) is "off" ? null : parse.GetValue(health),
                ApiListen = parse.GetValue(api) is "off" ? null : parse.GetValue(api),
                Pod = env.Variables.GetValueOrDefault("POD_NAMESPACE") is { Length: > 0 } podNs && env.Variables.GetValueOrDefault("POD_NAME") is { Length: > 0 } podName ? (podNs, podName) : null,
                LoggerFactory = logging,
            };
            using k8s.Kubernetes client = new(config);
            await using RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = connection, Password = env.Variables.GetValueOrDefault("HD_REDIS_PASSWORD") }).ConfigureAwait(false);
            if (parse.GetValue(auditRetention) > 0)
            {
                options = options with { AuditSink = new Audit.RedisAuditSink(bus, parse.GetValue(auditRetention)) };
            }

            await using OperatorHost host = new(client, bus, options);
            try
            {
                await host.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl-C or SIGTERM: the lease is handed back and the engines saved their last turn.
            }

            return 0;
        });
        return command;
    }

    private static async Task<KubernetesClientConfiguration> KubeconfigAsync(string? path, CliEnvironment env)
    {
        if (path is null && KubernetesClientConfiguration.IsInCluster())
        {
            return KubernetesClientConfiguration.InClusterConfig();
        }

        KubeconfigFiles files = KubeconfigFiles.Find(path, env.Variables)
            ?? throw new FileNotFoundException($"no kubeconfig at {KubeconfigFiles.DefaultPath(env.Variables)}");
        return KubernetesClientConfiguration.BuildConfigFromConfigObject(await files.LoadAsync().ConfigureAwait(false));
    }
}
