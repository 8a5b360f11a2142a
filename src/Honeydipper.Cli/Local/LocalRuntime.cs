using Honeydipper.Api;
using Honeydipper.Api.Audit;
using Honeydipper.Api.Auth;
using Honeydipper.Bus;
using Honeydipper.Bus.Protocol;
using Honeydipper.Cli.Audit;
using Honeydipper.Core.Config.Model;
using Honeydipper.Bus.InProcess;
using Honeydipper.Bus.Redis;
using Honeydipper.Core.Config;
using Honeydipper.Core.Config.Loading;
using Honeydipper.Core.Engine.Rules;
using Honeydipper.Core.Interpolation;
using Honeydipper.Drivers;
using Honeydipper.Drivers.Sdk;
using Honeydipper.Hosting;

namespace Honeydipper.Cli.Local;

/// <summary>
/// <c>honeydipper local</c>: the engine, the built-in drivers and a configuration on this machine. With the in-process
/// bus everything lives in this process (and runs are lost when it stops); with Redis the state is durable and the
/// drivers run as child processes, as pods would in a cluster.
/// </summary>
internal sealed class LocalRuntime(LocalOptions options, CliEnvironment env, TextWriter output)
{
    /// <summary>Where the webhook listens, once it does.</summary>
    public Uri? WebhookUrl { get; private set; }

    /// <summary>Where the health and runs endpoint listens, once it does.</summary>
    public Uri? ApiUrl { get; private set; }

    /// <summary>Completes when drivers and engine are up (for tests and the banner).</summary>
    public Task Started => _started.Task;

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private StaticTokens? _tokens;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        ILocalConfigSource source = (ILocalConfigSource?)GitConfigSource.For(options.ConfigFolder, options.Branch, env.Variables, options.GitPollInterval)
            ?? new FolderConfigSource(options.ConfigFolder, env.LoaderOptions());
        // Taken before loading: an edit made while we start (after the banner someone reads) is then seen as a change.
        string fingerprint = options.Watch ? source.Fingerprint() : string.Empty;
        ConfigLoadResult loaded = source.Load();
        if (!Report(loaded))
        {
            return 1;
        }

        await using IMessageBus bus = options.Redis is null
            ? new InProcessBus()
            : await RedisMessageBus.ConnectAsync(new RedisBusOptions { Configuration = options.Redis }).ConfigureAwait(false);
        RunTable table = new(output, interactive: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
        // On Redis, secrets go to the driver processes through a private folder, never through Redis.
        using LocalSecretsFolder? secrets = options.Redis is null ? null : new LocalSecretsFolder();
        await using EngineHost host = new(bus, new EngineHostOptions
        {
            Namespace = options.Namespace,
            Instance = "local",
            Durable = options.Redis is not null,
            SecretHandOff = secrets is null ? null : secrets.Write,
        });
        HoneydipperConfig current = loaded.Config;
        AuditLog audit = new(options.Loggers, AuditSink(bus));
        ApiNamespace target = new(options.Namespace, host, bus, () => current, audit, TimeProvider.System)
        {
            DriverHealth = (name, ct) => bus.GetValueAsync(BusKeys.DriverHealth(options.Namespace, name, DriverOptions(options.Namespace, name).Instance), ct),
        };
        host.RunsChanged += table.Update;
        host.RunsChanged += target.OnRunsChanged;
        await using ApiServer? api = options.ApiListen is { } apiListen ? new ApiServer(new SingleNamespace(target), Authentication(apiListen), Authentication(apiListen), audit, new ApiOptions
        {
            Listen = apiListen,
            DefaultNamespace = options.Namespace,
            Instance = "local",
        }, options.Loggers) : null;
        if (api is not null)
        {
            await api.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        await host.StartAsync(loaded.Config, cancellationToken).ConfigureAwait(false);
        // Counted before any driver starts, so nothing has moved yet: the runs an earlier process left in Redis.
        int resumed = options.Redis is null ? 0 : await host.InspectAsync(e => e.ActiveRuns.Count).ConfigureAwait(false);

        RuleIndex rules = RuleIndex.Build(loaded.Config, new Interpolator());
        using CancellationTokenSource stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using LocalDrivers drivers = new(bus, options, output, secrets?.Path);
        await drivers.StartAsync(DriverSet.Find(loaded.Config, rules), url => WebhookUrl = url, stop.Token).ConfigureAwait(false);
        ApiUrl = api?.Address;
        Banner(loaded, rules, resumed);
        _started.TrySetResult();

        Task watching = WatchAsync(host, source, fingerprint, config =>
        {
            current = config;
            audit.Write(new AuditRecord("config.apply", "local:" + source.Name, options.Namespace, "configuration", new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["source"] = source.Name,
                ["workflows"] = (double)config.Workflows.Count,
                ["rules"] = (double)config.Rules.Count,
            }));
        }, stop.Token);
        await Task.WhenAny(watching, host.Completion).ConfigureAwait(false);
        if (host.Completion.IsFaulted)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            output.WriteLine($"the engine stopped: {host.Completion.Exception!.GetBaseException().Message}");
            output.WriteLine(options.Redis is null ? "runs in flight are lost (in-process bus)" : "its state is saved in Redis: start again to resume");
            return 1;
        }

        try
        {
            await watching.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C.
        }

        output.WriteLine("stopping");
        return 0;
    }

    private bool Report(ConfigLoadResult loaded, bool reloading = false)
    {
        foreach (ConfigProblem problem in loaded.Problems)
        {
            output.WriteLine(problem.ToString());
        }

        if (loaded.HasErrors)
        {
            output.WriteLine(reloading
                ? $"the configuration in {options.ConfigFolder} has errors; the previous one stays in force until they are fixed"
                : $"the configuration in {options.ConfigFolder} has errors; fix them and start again (honeydipper validate shows them all)");
            return false;
        }

        return true;
    }

    private void Banner(ConfigLoadResult loaded, RuleIndex rules, int resumed)
    {
        Core.Config.Model.HoneydipperConfig c = loaded.Config;
        output.WriteLine($"Honeydipper local: {options.ConfigFolder} ({c.Systems.Count} systems, {c.Workflows.Count} workflows, {c.Rules.Count} rules)");
        output.WriteLine(options.Redis is null
            ? "bus: in-process (runs end with this process; --redis <host:port> keeps them)"
            : $"bus: redis {options.Redis}, namespace {options.Namespace} (sessions survive a restart)");
        if (WebhookUrl is { } url)
        {
            output.WriteLine($"webhook: {url}");
            foreach (CollapsedRule rule in rules.Rules.Where(r => r.Trigger.Raw.Driver == "webhook").Take(3))
            {
                output.WriteLine("  try: " + CurlExample.For(url, rule.Trigger.Match));
            }
        }

        if (ApiUrl is { } apiUrl)
        {
            output.WriteLine($"api: {new Uri(apiUrl, $"/api/v1/namespaces/{options.Namespace}/runs")} (dashboard: {apiUrl}, health: {new Uri(apiUrl, "/healthz")})");
        }

        if (resumed > 0)
        {
            output.WriteLine($"resumed {resumed} run{(resumed == 1 ? string.Empty : "s")} an earlier honeydipper local left running or waiting in Redis; they go on below");
        }

        output.WriteLine("runs (Ctrl-C to stop):");
        output.Flush();
    }

    /// <summary>Reloads the configuration when its files change; a broken edit is reported and the old one stays.</summary>
    private async Task WatchAsync(EngineHost host, ILocalConfigSource source, string fingerprint, Action<HoneydipperConfig> applied, CancellationToken cancellationToken)
    {
        using PeriodicTimer tick = new(options.Watch ? source.PollInterval : TimeSpan.FromHours(1));
        while (await tick.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            string now = options.Watch ? await Task.Run(source.Fingerprint, cancellationToken).ConfigureAwait(false) : fingerprint;
            if (!options.Watch || now == fingerprint)
            {
                continue;
            }

            fingerprint = now;
            ConfigLoadResult reloaded = await Task.Run(source.Load, cancellationToken).ConfigureAwait(false);
            if (Report(reloaded, reloading: true))
            {
                await host.ReconfigureAsync(reloaded.Config).ConfigureAwait(false);
                applied(reloaded.Config);
                output.WriteLine(source is GitConfigSource git
                    ? $"configuration reloaded from {source.Name} at commit {git.Commit[..12]}"
                    : $"configuration reloaded from {source.Name}");
            }
        }
    }

    private StaticTokens Authentication(string listen)
    {
        if (options.ApiTokens is { } file)
        {
            return _tokens ??= StaticTokens.FromFile(file);
        }

        string host = listen[..Math.Max(0, listen.LastIndexOf(':'))].Trim('[', ']');
        if (!(host == "localhost" || (System.Net.IPAddress.TryParse(host, out System.Net.IPAddress? ip) && System.Net.IPAddress.IsLoopback(ip))))
        {
            throw new InvalidOperationException($"--api {listen}: without --api-tokens the API serves loopback only; listen on 127.0.0.1 or give a token file");
        }

        return _tokens ??= StaticTokens.LoopbackOnly();
    }

    private IAuditSink? AuditSink(IMessageBus bus) => options.AuditLog is { } file ? new FileAuditSink(file)
        : bus is RedisMessageBus redis ? new RedisAuditSink(redis, options.AuditRetention) : null;

    internal static DriverHostOptions DriverOptions(string ns, string name) => new() { Namespace = ns, Driver = name, Instance = $"{name}-local" };
}
