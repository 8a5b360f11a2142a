using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Honeydipper.Api.Audit;
using Honeydipper.Api.Auth;
using Honeydipper.Bus.InProcess;
using Honeydipper.Core.Config.Loading;
using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Yaml;
using Honeydipper.Drivers.Sdk;
using Honeydipper.Hosting;

namespace Honeydipper.Api.Tests;

/// <summary>
/// An engine on an in-process bus with a worker driver whose <c>hold</c> calls wait until the test lets them go,
/// served by a real <see cref="ApiServer"/> on 127.0.0.1 with a token file, and a client holding a valid token.
/// </summary>
internal sealed class ApiFixture : IAsyncDisposable
{
    public const string Token = "s3cret-token-for-tests";
    public const string Ns = "local";

    public const string Config = """
        drivers: {worker: {}}
        workflows:
          greet:
            description: holds, then greets
            steps:
              - call_driver: worker.hold
              - call_driver: worker.do
            export: {greeting: 'hello {{ .ctx.name }}'}
          quick:
            description: one call
            call_driver: worker.do
            export: {done: 'yes'}
          broken:
            call_driver: worker.fail
        rules:
          - when: {driver: webhook, if_match: {url: /go}}
            do: {call_workflow: quick}
        """;

    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("hd-api-").FullName;
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ApiFixture(InProcessBus bus, EngineHost host, DriverHost driver, CapturedLogs logs) => (Bus, Host, Driver, Logs) = (bus, host, driver, logs);

    public InProcessBus Bus { get; }

    public EngineHost Host { get; }

    public DriverHost Driver { get; }

    public ApiServer Server { get; private set; } = null!;

    public ApiNamespace Target { get; private set; } = null!;

    public CapturedLogs Logs { get; }

    public HttpClient Client { get; private set; } = null!;

    public Uri Address => Server.Address!;

    public static async Task<ApiFixture> StartAsync(Func<ApiOptions, ApiOptions>? tune = null, IApiAuthenticator? authenticator = null, IApiAuthorizer? authorizer = null)
    {
        InProcessBus bus = new();
        CapturedLogs logs = new();
        EngineHost host = new(bus, new EngineHostOptions { Namespace = Ns, Instance = "local", Durable = false, Logger = logs.CreateLogger("engine") });
        DriverHost driver = new(bus, new DriverHostOptions { Namespace = Ns, Driver = "worker", Instance = "worker-local" });
        ApiFixture fixture = new(bus, host, driver, logs);
        driver.Handle("do", (ctx, _) => Task.FromResult(CommandResult.Success(new Dictionary<string, object?> { ["ok"] = true })));
        driver.Handle("fail", (ctx, _) => Task.FromResult(CommandResult.Failure("the worker refused")));
        driver.Handle("hold", async (ctx, ct) =>
        {
            await fixture._release.Task.WaitAsync(ct);
            return CommandResult.Success();
        });
        HoneydipperConfig config = LoadConfig();
        AuditLog audit = new(fixture.Logs);
        fixture.Target = new ApiNamespace(Ns, host, bus, () => config, audit, TimeProvider.System)
        {
            DriverHealth = (name, ct) => bus.GetValueAsync(Honeydipper.Bus.Protocol.BusKeys.DriverHealth(Ns, name, $"{name}-local"), ct),
        };
        host.RunsChanged += fixture.Target.OnRunsChanged;
        string tokens = Path.Combine(fixture._dir, "tokens");
        await File.WriteAllTextAsync(tokens, "# test users\n" + StaticTokens.Line("alice", Token) + "\n");
        StaticTokens auth = StaticTokens.FromFile(tokens);
        ApiOptions options = new() { Listen = "127.0.0.1:0", DefaultNamespace = Ns, Instance = "local", EventGrace = TimeSpan.FromMilliseconds(500), WaitTimeout = TimeSpan.FromSeconds(10), RatePerSecond = 2000, RateBurst = 5000 }; // tests poll fast
        fixture.Server = new ApiServer(new SingleNamespace(fixture.Target), authenticator ?? auth, authorizer ?? auth, audit, tune is null ? options : tune(options), fixture.Logs);
        await fixture.Server.StartAsync(CancellationToken.None);
        await host.StartAsync(config);
        fixture._running.Add(Task.Run(() => driver.RunAsync(fixture._stop.Token)));
        fixture.Client = fixture.NewClient(Token);
        return fixture;
    }

    public static HoneydipperConfig LoadConfig()
    {
        ConfigLoadResult result = InlineConfig.Load(GoYaml.Parse(Config), "test");
        Assert.Empty(result.Problems);
        return result.Config;
    }

    public HttpClient NewClient(string? token)
    {
        HttpClient client = new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>Lets every held call go (and those made later).</summary>
    public void Release() => _release.TrySetResult();

    /// <summary>Holds calls again.</summary>
    public void Hold() => _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        Client.Dispose();
        await Server.DisposeAsync();
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_running);
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        await Host.DisposeAsync();
        Driver.Dispose();
        await Bus.DisposeAsync();
        _stop.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
