using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Cli.Tests;

/// <summary>
/// The drivers issue's acceptance scenario in local mode: a signed GitHub push reaches the real webhook, the rule starts
/// a workflow that calls the web driver, and the web driver's request reaches a real Kestrel target on loopback.
/// In process (the default), and with --redis, where each driver is a <c>honeydipper driver</c> child process that
/// reads the signature secret from its secrets folder.
/// </summary>
public sealed partial class GitHubPushScenarioTests : IAsyncLifetime
{
    private const string Secret = "It's a Secret to Everybody";
    private readonly string _dir = Directory.CreateTempSubdirectory("hd-push-").FullName;
    private readonly ConcurrentQueue<(string Method, string Path, string ContentType, string Body)> _received = new();
    private WebApplication _target = null!;
    private Uri _targetUrl = null!;

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _target = builder.Build();
        _target.Run(async context =>
        {
            using StreamReader reader = new(context.Request.Body);
            _received.Enqueue((context.Request.Method, context.Request.Path.Value ?? "/", context.Request.ContentType ?? string.Empty, await reader.ReadToEndAsync(context.RequestAborted)));
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"deployment": "queued"}""");
        });
        await _target.StartAsync();
        _targetUrl = new Uri(_target.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        await _target.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_signed_push_runs_the_workflow_that_calls_the_web_target(bool redisBus)
    {
        File.WriteAllText(Path.Combine(_dir, "init.yaml"), $$$"""
            drivers:
              webhook: {}
              web: {}
            systems:
              github:
                data:
                  signatureHeader: X-Hub-Signature-256
                  signatureSecret: "{{{Secret}}}"
                triggers:
                  hit:
                    driver: webhook
                    if_match: {url: /github, method: POST, verifiedSystem: github}
                  push:
                    source: {system: github, trigger: hit}
                    if_match:
                      headers: {X-Github-Event: push}
                    export:
                      git_repo: $event.json.repository.full_name
                      git_commit: '{{ .event.json.head_commit.id | trunc 7 }}'
            rules:
              - when: {source: {system: github, trigger: push}}
                do: {call_workflow: announce}
            workflows:
              announce:
                call_driver: web.request
                with:
                  URL: {{{_targetUrl}}}deployments
                  method: POST
                  header: {Content-Type: application/json}
                  content:
                    repo: $ctx.git_repo
                    commit: $ctx.git_commit
                export:
                  deployment: $data.json.deployment
            """);
        await using RedisServer? redis = redisBus ? await RedisServer.StartAsync() : null;
        string webhook = redisBus ? $"127.0.0.1:{FreePort()}" : "127.0.0.1:0";
        await using LocalProcess local = LocalProcess.Start(_dir, webhook, redis?.Configuration);
        Uri hooks = new(UrlPattern().Match(await local.WaitForLineAsync(l => l.StartsWith("webhook: ", StringComparison.Ordinal))).Value);
        using HttpClient http = new();
        string body = """{"ref": "refs/heads/main", "repository": {"full_name": "acme/rockets"}, "head_commit": {"id": "4f2c9a1b7d3e5f60718293a4b5c6d7e8f9012345"}}""";

        // Until the driver is up with the rule's trigger it refuses the push (no listener, 404, 503): GitHub retries too.
        await Poll.UntilAsync(async () => await PostAsync(http, hooks, body, Sign(Secret, body)) == HttpStatusCode.OK, "the webhook to take the signed push");
        // Unsigned, and signed with another secret: no rule wants them, so the webhook answers 404 and nothing runs.
        HttpStatusCode unsigned = await PostAsync(http, hooks, body, signature: null);
        HttpStatusCode forged = await PostAsync(http, hooks, body, Sign("not the secret", body));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (unsigned, forged));
        string run = await local.WaitForLineAsync(l => l.Contains("Succeeded", StringComparison.Ordinal));
        Assert.Contains("{\"deployment\":\"queued\"}", run, StringComparison.Ordinal);
        (string method, string path, string contentType, string received) = Assert.Single(_received);
        Assert.Equal(("POST", "/deployments"), (method, path));
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        Assert.Equal("""{"commit":"4f2c9a1","repo":"acme/rockets"}""", received);
        Assert.DoesNotContain(Secret, local.Output, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, Uri hooks, string body, string? signature)
    {
        try
        {
            return await SendAsync(http, hooks, body, signature);
        }
        catch (HttpRequestException)
        {
            return HttpStatusCode.ServiceUnavailable; // not listening yet
        }
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient http, Uri hooks, string body, string? signature)
    {
        using HttpRequestMessage request = new(HttpMethod.Post, new Uri(hooks, "/github")) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", Guid.NewGuid().ToString());
        if (signature is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", signature);
        }

        using HttpResponseMessage answer = await http.SendAsync(request);
        return answer.StatusCode;
    }

    /// <summary>What GitHub sends: <c>sha256=</c> and the hex HMAC-SHA256 of the body with the webhook's secret.</summary>
    private static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    private static int FreePort()
    {
        using System.Net.Sockets.TcpListener probe = new(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"http://[^\s/]+")]
    private static partial Regex UrlPattern();
}
