using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Honeydipper.Bus.Protocol;
using Honeydipper.Drivers.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Honeydipper.Drivers.Tests.Web;

/// <summary>The web driver's <c>request</c> through the real bus against a real Kestrel target on loopback.</summary>
public sealed class WebDriverTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static async Task Answer(HttpContext context)
    {
        switch (context.Request.Path.Value)
        {
            case "/json":
                context.Response.Headers.Append("Set-Cookie", "session=abc123; Path=/; HttpOnly");
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"ok": true, "items": [1, 2]}""");
                break;
            case "/missing":
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync("no such thing");
                break;
            case "/broken":
                context.Response.StatusCode = 503;
                break;
            case "/hang":
                // Never answers: the request ends when the client gives up.
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                break;
            default:
                await context.Response.WriteAsync("plain text");
                break;
        }
    }

    [Fact]
    public async Task A_GET_sends_the_form_as_query_and_headers_and_returns_the_original_shape()
    {
        await using HttpTarget target = await HttpTarget.StartAsync(Answer);
        await using DriverHarness web = await DriverHarness.StartAsync(redis, "web");

        BusReturn answer = await web.CallAsync("request", Options.Map($$"""
            URL: {{target.Url}}json?x=1
            form: {b: two, a: [one, uno]}
            header: {x-request-id: r-1}
            """));

        Assert.Equal("success", answer.Status);
        ReceivedRequest received = Assert.Single(target.Received);
        Assert.Equal("GET", received.Method);
        Assert.Equal("?x=1&a=one&a=uno&b=two", received.Query);
        Assert.Equal("r-1", received.Headers["X-Request-Id"]);
        IDictionary<string, object?> data = (IDictionary<string, object?>)answer.Payload!;
        Assert.Equal("200", data["status_code"]);
        Assert.Equal("""{"ok": true, "items": [1, 2]}""", data["body"]);
        Assert.Equal(true, ((IDictionary<string, object?>)data["json"]!)["ok"]);
        Assert.Equal("abc123", ((IDictionary<string, object?>)data["cookies"]!)["session"]);
        Assert.Equal(["application/json"], (IList<object?>)((IDictionary<string, object?>)data["headers"]!)["Content-Type"]!);
    }

    [Fact]
    public async Task A_POST_sends_a_string_content_as_is_a_map_as_JSON_or_as_a_form()
    {
        await using HttpTarget target = await HttpTarget.StartAsync(Answer);
        await using DriverHarness web = await DriverHarness.StartAsync(redis, "web");

        await web.CallAsync("request", Options.Map($"{{URL: '{target.Url}raw', method: POST, content: 'just text'}}"));
        await web.CallAsync("request", Options.Map($"{{URL: '{target.Url}json', method: POST, header: {{content-type: application/json}}, content: {{name: Ada, count: 3}}}}"));
        await web.CallAsync("request", Options.Map($"{{URL: '{target.Url}form', method: put, content: {{name: Ada Lovelace}}}}"));
        BusReturn formAnswer = await web.CallAsync("request", Options.Map($"{{URL: '{target.Url}form', method: PATCH, form: {{q: a&b}}}}"));

        Assert.Equal("success", formAnswer.Status);
        ReceivedRequest[] received = [.. target.Received];
        Assert.Equal(("POST", "just text"), (received[0].Method, received[0].Body));
        Assert.Equal("""{"count":3,"name":"Ada"}""", received[1].Body);
        Assert.StartsWith("application/json", received[1].Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(("PUT", "name=Ada%20Lovelace"), (received[2].Method, received[2].Body));
        Assert.StartsWith("application/x-www-form-urlencoded", received[2].Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal(("PATCH", "q=a%26b", string.Empty), (received[3].Method, received[3].Body, received[3].Query));
    }

    [Fact]
    public async Task A_status_of_400_or_more_is_an_error_that_keeps_the_response()
    {
        await using HttpTarget target = await HttpTarget.StartAsync(Answer);
        await using DriverHarness web = await DriverHarness.StartAsync(redis, "web");

        BusReturn missing = await web.CallAsync("request", Options.Map($"{{URL: '{target.Url}missing'}}"));
        BusReturn broken = await web.CallAsync("request", Options.Map($"{{URL: '{target.Url}broken'}}"));

        Assert.Equal(("error", "Error: got status code: 404"), (missing.Status, missing.Reason));
        Assert.Equal("no such thing", ((IDictionary<string, object?>)missing.Payload!)["body"]);
        Assert.Equal(("error", "Error: got status code: 503"), (broken.Status, broken.Reason));
    }

    [Fact]
    public async Task A_target_that_does_not_answer_in_api_timeout_is_an_error_that_says_so()
    {
        await using HttpTarget target = await HttpTarget.StartAsync(Answer);
        await using DriverHarness web = await DriverHarness.StartAsync(redis, "web", Options.Of(data: "{api_timeout: 1}"));

        BusReturn answer = await web.CallAsync("request", Options.Map($"{{URL: '{target.Url}hang?token=s3cr3t'}}"));

        Assert.Equal("error", answer.Status);
        Assert.Equal($"[web] GET {target.Url}hang: no answer within 1 s (the driver option api_timeout)", answer.Reason);
    }

    [Fact]
    public async Task A_missing_URL_or_an_unreachable_target_is_an_error_that_names_it()
    {
        await using DriverHarness web = await DriverHarness.StartAsync(redis, "web");
        int closedPort;
        using (System.Net.Sockets.TcpListener probe = new(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        BusReturn noUrl = await web.CallAsync("request", Options.Map("{method: GET}"));
        BusReturn refused = await web.CallAsync("request", Options.Map($"{{URL: 'http://127.0.0.1:{closedPort}/x'}}"));

        Assert.Equal(("error", "[web] URL is required but missing"), (noUrl.Status, noUrl.Reason));
        Assert.Equal("error", refused.Status);
        Assert.StartsWith($"[web] GET http://127.0.0.1:{closedPort}/x: ", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TLS_certificates_are_verified_so_a_self_signed_target_is_refused()
    {
        using RSA key = RSA.Create(2048);
        CertificateRequest request = new("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        SubjectAlternativeNameBuilder names = new();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        await using HttpTarget target = await HttpTarget.StartAsync(Answer, X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null));
        await using DriverHarness web = await DriverHarness.StartAsync(redis, "web");

        BusReturn answer = await web.CallAsync("request", Options.Map($"{{URL: '{target.Url}json'}}"));

        Assert.StartsWith("https://", target.Url.ToString(), StringComparison.Ordinal);
        Assert.Equal("error", answer.Status);
        Assert.Contains("SSL", answer.Reason, StringComparison.Ordinal);
        Assert.Empty(target.Received);
    }

    [Fact]
    public async Task A_bearer_token_source_adds_the_Authorization_header_from_a_secret()
    {
        await using HttpTarget target = await HttpTarget.StartAsync(Answer);
        Sdk.Secrets.InMemorySecretSource secrets = new Sdk.Secrets.InMemorySecretSource().Set("api", "token", "t0ken");
        await using DriverHarness web = await DriverHarness.StartAsync(redis, "web", Options.Of(data: "{token_sources: {ci: {type: bearer, token: {secretKeyRef: {name: api, key: token}}}}}"), host: o => o with { Secrets = secrets });

        BusReturn answer = await web.CallAsync("request", Options.Map($"{{URL: '{target.Url}json', tokenSource: ci}}"));
        BusReturn undefined = await web.CallAsync("request", Options.Map($"{{URL: '{target.Url}json', tokenSource: nope}}"));

        Assert.Equal("success", answer.Status);
        Assert.Equal("Bearer t0ken", Assert.Single(target.Received).Headers["Authorization"]);
        Assert.Equal(("error", "[web] tokenSource \"nope\" is not defined: add it under drivers.web.token_sources.nope"), (undefined.Status, undefined.Reason));
    }

    [Fact]
    public async Task A_github_token_source_signs_a_JWT_with_the_app_key_and_uses_the_installation_token()
    {
        using RSA appKey = RSA.Create(2048);
        string? jwt = null;
        await using HttpTarget target = await HttpTarget.StartAsync(async context =>
        {
            if (context.Request.Path == "/app/installations/42/access_tokens")
            {
                jwt = context.Request.Headers.Authorization.ToString()["Bearer ".Length..];
                context.Response.StatusCode = 201;
                await context.Response.WriteAsync("""{"token": "ghs_installation", "expires_at": "2999-01-01T00:00:00Z"}""");
                return;
            }

            await Answer(context);
        });
        string pem = appKey.ExportRSAPrivateKeyPem().Replace("\n", "\\n", StringComparison.Ordinal);
        await using DriverHarness web = await DriverHarness.StartAsync(redis, "web", Options.Of(data: $$$"""
            token_sources:
              gh: {type: github, app_id: 1234, installation_id: "42", github_url: "{{{target.Url.ToString().TrimEnd('/')}}}", key: "{{{pem}}}", permissions: {contents: read}}
            """));

        await web.CallAsync("request", Options.Map($"{{URL: '{target.Url}json', tokenSource: gh}}"));
        BusReturn second = await web.CallAsync("request", Options.Map($"{{URL: '{target.Url}json', tokenSource: gh}}"));

        Assert.Equal("success", second.Status);
        ReceivedRequest[] received = [.. target.Received];
        Assert.Equal(3, received.Length); // one token exchange, kept for the second call
        Assert.Equal("""{"permissions":{"contents":"read"}}""", received[0].Body);
        Assert.All(received[1..], r => Assert.Equal("Bearer ghs_installation", r.Headers["Authorization"]));
        string[] parts = jwt!.Split('.');
        byte[] signed = System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        Assert.True(appKey.VerifyData(signed, FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Contains("\"iss\":\"1234\"", System.Text.Encoding.UTF8.GetString(FromBase64Url(parts[1])), StringComparison.Ordinal);
    }

    private static byte[] FromBase64Url(string text)
    {
        string padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}
