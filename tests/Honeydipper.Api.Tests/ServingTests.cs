using System.Net;
using System.Text.Json;

namespace Honeydipper.Api.Tests;

/// <summary>Workflows, rules, drivers, the OpenAPI document, the dashboard's files, authentication and rate limits.</summary>
public sealed class ServingTests
{
    [Fact]
    public async Task Workflows_rules_and_drivers_are_listed_with_their_latest_run_and_health()
    {
        await using ApiFixture f = await ApiFixture.StartAsync();
        HttpResponseMessage added = await f.Client.PostAsync("/api/events", ApiFixture.Json(new { events = new[] { "webhook." }, data = new { url = "/go" } }));
        string eventId = (await ApiFixture.ReadAsync(added)).GetProperty("local").GetProperty("eventID").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await f.Client.GetAsync($"/api/events/{eventId}/wait")).StatusCode);
        string runId = (await ApiFixture.ReadAsync(await f.Client.PostAsync("/api/v1/namespaces/local/runs", ApiFixture.Json(new { workflow = "quick" })))).GetProperty("id").GetString()!;
        await Poll.UntilAsync(() => f.Target.Runs.Get(runId)?.Phase == Core.Engine.Runs.RunPhase.Succeeded, "quick to succeed");

        JsonElement workflows = await ApiFixture.ReadAsync(await f.Client.GetAsync("/api/v1/namespaces/local/workflows"));
        JsonElement quick = workflows.GetProperty("items").EnumerateArray().Single(w => w.GetProperty("name").GetString() == "quick");
        Assert.Equal("one call", quick.GetProperty("description").GetString());
        Assert.Equal("Succeeded", quick.GetProperty("lastPhase").GetString());
        Assert.Equal(runId, quick.GetProperty("lastRun").GetString());
        Assert.Equal(3, workflows.GetProperty("items").GetArrayLength());

        JsonElement rule = Assert.Single((await ApiFixture.ReadAsync(await f.Client.GetAsync("/api/v1/namespaces/local/rules"))).GetProperty("items").EnumerateArray());
        Assert.Equal("webhook.", rule.GetProperty("rawEvent").GetString());
        Assert.Equal("quick", rule.GetProperty("workflow").GetString());
        Assert.Equal("Succeeded", rule.GetProperty("lastPhase").GetString());

        await Poll.UntilAsync(async () =>
        {
            JsonElement drivers = await ApiFixture.ReadAsync(await f.Client.GetAsync("/api/v1/namespaces/local/drivers"));
            return drivers.GetProperty("items").EnumerateArray().Any(d => d.GetProperty("name").GetString() == "worker" && d.GetProperty("state").GetString() == "alive");
        }, "the worker driver to report itself alive");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_endpoints_and_the_dashboard_is_served_from_the_assembly()
    {
        await using ApiFixture f = await ApiFixture.StartAsync();
        using HttpClient anonymous = f.NewClient(token: null);
        JsonElement doc = await ApiFixture.ReadAsync(await anonymous.GetAsync("/openapi/v1.json"));
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        JsonElement paths = doc.GetProperty("paths");
        foreach (string path in new[] { "/api/events", "/api/events/{eventID}/wait", "/api/v1/namespaces/{ns}/runs", "/api/v1/namespaces/{ns}/runs/{id}", "/api/v1/namespaces/{ns}/runs/stream", "/api/v1/namespaces/{ns}/workflows", "/api/v1/namespaces/{ns}/rules", "/api/v1/namespaces/{ns}/drivers" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"the document has {path}");
        }

        HttpResponseMessage page = await anonymous.GetAsync("/");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Honeydipper", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("text/javascript", (await anonymous.GetAsync("/ui/app.js")).Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/ui/nothing.js")).StatusCode);
    }

    [Fact]
    public async Task Without_a_known_bearer_token_every_api_endpoint_answers_401_with_problem_details()
    {
        await using ApiFixture f = await ApiFixture.StartAsync();
        using HttpClient none = f.NewClient(token: null);
        using HttpClient wrong = f.NewClient("not-the-token");
        foreach (HttpClient client in new[] { none, wrong })
        {
            foreach ((HttpMethod method, string path) in new[]
            {
                (HttpMethod.Get, "/api/events"), (HttpMethod.Post, "/api/events"), (HttpMethod.Get, "/api/events/x/wait"),
                (HttpMethod.Get, "/api/v1/namespaces"), (HttpMethod.Get, "/api/v1/namespaces/local/runs"), (HttpMethod.Post, "/api/v1/namespaces/local/runs"),
                (HttpMethod.Get, "/api/v1/namespaces/local/runs/0"), (HttpMethod.Get, "/api/v1/namespaces/local/runs/stream"), (HttpMethod.Post, "/api/v1/namespaces/local/runs/0/cancel"),
                (HttpMethod.Get, "/api/v1/namespaces/local/workflows"), (HttpMethod.Get, "/api/v1/namespaces/local/rules"), (HttpMethod.Get, "/api/v1/namespaces/local/drivers"),
            })
            {
                using HttpRequestMessage request = new(method, path) { Content = method == HttpMethod.Post ? ApiFixture.Json(new { workflow = "quick" }) : null };
                HttpResponseMessage response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
            }
        }

        Assert.Empty(f.Target.Runs.List());
        Assert.Equal(HttpStatusCode.OK, (await none.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Without_a_token_file_loopback_clients_are_served_as_anonymous()
    {
        Auth.StaticTokens loopback = Auth.StaticTokens.LoopbackOnly();
        await using ApiFixture f = await ApiFixture.StartAsync(authenticator: loopback, authorizer: loopback);
        using HttpClient anonymous = f.NewClient(token: null);
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsync("/api/v1/namespaces/local/runs", ApiFixture.Json(new { workflow = "quick" }))).StatusCode);
        (bool _, string _) = await loopback.AuthorizeAsync(new Auth.ApiUser("x", []), new Auth.ApiAccess("get", "workflowruns"), "local", CancellationToken.None);
        (Auth.ApiUser? remote, string why) = await loopback.AuthenticateAsync(null, IPAddress.Parse("10.1.2.3"), CancellationToken.None);
        Assert.Null(remote);
        Assert.Contains("loopback", why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_over_its_rate_gets_429_with_problem_details_and_another_client_does_not()
    {
        await using ApiFixture f = await ApiFixture.StartAsync(o => o with { RatePerSecond = 1, RateBurst = 3 });
        List<HttpStatusCode> codes = [];
        for (int i = 0; i < 6; i++)
        {
            codes.Add((await f.Client.GetAsync("/api/v1/namespaces/local/workflows")).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        HttpResponseMessage limited = await f.Client.GetAsync("/api/v1/namespaces/local/workflows");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        using HttpClient other = f.NewClient("not-the-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/v1/namespaces/local/workflows")).StatusCode);
    }
}
