using System.CommandLine;
using Honeydipper.Bus.Redis;
using Honeydipper.Cli.Local;
using Honeydipper.Drivers;
using Honeydipper.Drivers.Sdk;
using Honeydipper.Drivers.Sdk.Secrets;

namespace Honeydipper.Cli.Commands;

/// <summary><c>honeydipper driver &lt;type&gt;</c>: one built-in driver on the Redis bus (a driver pod's entrypoint).</summary>
internal static class DriverProcessCommand
{
    public static Command Create(CliEnvironment env)
    {
        Argument<string> type = new("type") { Description = $"The built-in driver: {string.Join(", ", BuiltinDrivers.Types)}." };
        Option<string?> name = new("--name") { Description = "The driver's name in the configuration (default: its type)." };
        Option<string?> redis = new("--redis") { Description = "Redis (host:port or a StackExchange.Redis configuration); default $HD_REDIS." };
        Option<string?> ns = new("--namespace") { Description = "The namespace; default $HD_NAMESPACE, else \"default\"." };
        Option<string?> listen = new("--listen") { Description = "Where a webhook listens, overriding its Addr option (http://host:port)." };
        Option<string?> secretsDir = new("--secrets-dir") { Description = $"Where Secrets are mounted, one folder per Secret (<dir>/<secret>/<key>); default $HD_SECRETS_DIR, else {DirectorySecretSource.DefaultRoot}." };
        Option<bool> stdinLifeline = new("--stop-with-stdin") { Description = "Stop when standard input closes: honeydipper local uses it so that its drivers never outlive it, even after kill -9." };
        Option<string?> instance = new("--instance") { Description = "This replica's consumer name on the bus; default $POD_NAME (each pod of a driver Deployment is its own consumer), else <name>-local." };
        Option<double?> claimIdleAfter = new("--claim-idle-after") { Description = "Seconds after which a command another replica left unanswered is taken over (default 30)." };
        Command command = new("driver", "Run one built-in driver on the Redis bus.") { type, name, redis, ns, listen, secretsDir, stdinLifeline, instance, claimIdleAfter };
        command.SetAction(async (parse, cancellationToken) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            string driverType = parse.GetValue(type)!;
            string? connection = parse.GetValue(redis) ?? env.Variables.GetValueOrDefault("HD_REDIS");
            if (string.IsNullOrEmpty(connection))
            {
                output.WriteLine("no Redis to connect to: pass --redis host:port or set HD_REDIS");
                return 1;
            }

            if (BuiltinDrivers.Resolve(driverType) is null)
            {
                output.WriteLine($"there is no built-in driver \"{driverType}\" (built-in: {string.Join(", ", BuiltinDrivers.Types)})");
                return 1;
            }

            string driverName = parse.GetValue(name) ?? driverType;
            string namespaceName = parse.GetValue(ns) ?? env.Variables.GetValueOrDefault("HD_NAMESPACE") ?? "default";
            string? password = env.Variables.GetValueOrDefault("HD_REDIS_PASSWORD");
            await using RedisMessageBus bus = await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = connection, Password = password }).ConfigureAwait(false);
            BuiltinDriverSettings settings = new()
            {
                ListenOverride = parse.GetValue(listen),
                Redis = connection,
                RedisPassword = password, // the redis driver keeps its cache and locks on the bus's Redis
                Output = output,
                Listening = uri => output.WriteLine($"listening on {uri}"),
            };
            output.WriteLine($"driver {driverName} ({driverType}) on namespace {namespaceName}");
            using CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (parse.GetValue(stdinLifeline))
            {
                _ = StopWhenStdinClosesAsync(stop);
            }

            try
            {
                DriverHostOptions defaults = LocalRuntime.DriverOptions(namespaceName, driverName);
                DriverHostOptions hostOptions = defaults with
                {
                    // Replicas sharing one consumer name would share their pending commands: a restarted replica would
                    // serve again, at once, what its live sibling is still serving. The pod name tells them apart.
                    Instance = parse.GetValue(instance) ?? env.Variables.GetValueOrDefault("POD_NAME") ?? defaults.Instance,
                    ClaimIdleAfter = parse.GetValue(claimIdleAfter) is double seconds and > 0 ? TimeSpan.FromSeconds(seconds) : defaults.ClaimIdleAfter,
                    Secrets = new DirectorySecretSource(parse.GetValue(secretsDir) ?? env.Variables.GetValueOrDefault("HD_SECRETS_DIR") ?? DirectorySecretSource.DefaultRoot),
                };
                await BuiltinDriverRunner.RunAsync(bus, driverType, hostOptions, settings, null, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopped.
            }

            return 0;
        });
        return command;
    }

    /// <summary>The parent holds our stdin open; when it dies, however it dies, the pipe closes and we stop gracefully.</summary>
    private static async Task StopWhenStdinClosesAsync(CancellationTokenSource stop)
    {
        await using Stream stdin = Console.OpenStandardInput();
        byte[] buffer = new byte[256];
        try
        {
            while (await stdin.ReadAsync(buffer, stop.Token).ConfigureAwait(false) > 0)
            {
                // Nothing is ever sent; reading only waits for the end.
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (IOException)
        {
            // A broken pipe is a closed one.
        }

        await stop.CancelAsync().ConfigureAwait(false);
    }
}
