using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Honeydipper.Api.Audit;
using k8s;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Operator.Tests;

/// <summary>
/// The operator's API over real HTTP with the cluster's access control: the emulator answers TokenReview and
/// SubjectAccessReview from the tokens and grants the test gives it; and the audit trail of a configuration change.
/// </summary>
public sealed class OperatorApiTests
{
    [Fact]
    public async Task Tokens_are_checked_with_TokenReview_and_each_request_with_SubjectAccessReview_on_our_kinds_in_the_namespace()
    {
        await using OperatorFixture f = await OperatorFixture.StartAsync();
        f.Emulator.Reviews.AddToken("viewer-token", "viewer").AddToken("runner-token", "system:serviceaccount:demo:runner", "runners")
            .Allow("viewer", "get", "honeydipper.io", "workflowruns", f.Namespace).Allow("viewer", "list", "honeydipper.io", "*", f.Namespace)
            .Allow("group:runners", "*", "honeydipper.io", "*", f.Namespace);
        await using Worker worker = Worker.Start(f);
        AuditLines logs = new();
        OperatorHost op = f.StartOperator("op-1", new OperatorOptions { ApiListen = "127.0.0.1:0", LoggerFactory = logs });
        await f.ApplyAsync(OperatorTests.Sample);
        await Poll.UntilAsync(() => op.RunsEngineFor(f.Namespace) && op.ApiAddress is not null, "the namespace's engine and the API");
        using HttpClient anonymous = Client(op, null);
        using HttpClient bogus = Client(op, "bogus");
        using HttpClient viewer = Client(op, "viewer-token");
        using HttpClient runner = Client(op, "runner-token");
        string runs = $"/api/v1/namespaces/{f.Namespace}/runs";

        HttpResponseMessage none = await anonymous.GetAsync(runs);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        HttpResponseMessage rejected = await bogus.GetAsync(runs);
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Contains("invalid bearer token", await rejected.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(runs)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/v1/namespaces/{f.Namespace}/workflows")).StatusCode);
        HttpResponseMessage forbidden = await viewer.PostAsync(runs, Json(new { workflow = "greet" }));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        Assert.Contains("viewer may not create workflowruns.honeydipper.io in namespace demo", await forbidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/events?namespace={f.Namespace}", Json(new { events = new[] { "webhook." } }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await runner.GetAsync("/api/v1/namespaces/elsewhere/runs")).StatusCode);

        // A run started through the API runs in the cluster's engine and is audited with the service account.
        HttpResponseMessage started = await runner.PostAsync(runs, Json(new { workflow = "greet", with = new { name = "Ada" } }));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        string id = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        await Poll.UntilAsync(async () => (await runner.GetStringAsync($"{runs}/{id}")).Contains("\"phase\":\"Succeeded\"", StringComparison.Ordinal), "the API's run to succeed");

        // The original's event round trip, through the namespace's Redis stream.
        HttpResponseMessage added = await runner.PostAsync($"/api/events?namespace={f.Namespace}", Json(new { events = new[] { "webhook." }, data = new { url = "/hello", json = new { name = "Bo" } } }));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        string eventId = JsonDocument.Parse(await added.Content.ReadAsStringAsync()).RootElement.GetProperty("op-1").GetProperty("eventID").GetString()!;
        HttpResponseMessage waited = await runner.GetAsync($"/api/events/{eventId}/wait?namespace={f.Namespace}");
        Assert.Equal(HttpStatusCode.OK, waited.StatusCode);
        JsonElement session = Assert.Single(JsonDocument.Parse(await waited.Content.ReadAsStringAsync()).RootElement.GetProperty("sessions").EnumerateArray());
        Assert.Equal("success", session.GetProperty("status").GetString());
        Assert.Equal("Bo", session.GetProperty("exported").GetProperty("greeted").GetString());

        Assert.Contains(("system:serviceaccount:demo:runner", "create", "honeydipper.io", "workflowruns", f.Namespace), f.Emulator.Reviews.Asked);
        Assert.Contains(logs.Records("run.create"), r => r.GetProperty("actor").GetString() == "system:serviceaccount:demo:runner");
        Assert.Contains(logs.Records("run.start"), r => r.GetProperty("actor").GetString() == "system:serviceaccount:demo:runner" && r.GetProperty("target").GetString() == $"run/{id}");
    }

    [Fact]
    public async Task A_configuration_change_the_operator_applies_is_audited_with_what_it_replaced()
    {
        await using OperatorFixture f = await OperatorFixture.StartAsync();
        AuditLines logs = new();
        OperatorHost op = f.StartOperator("op-1", new OperatorOptions { LoggerFactory = logs });
        await f.ApplyAsync(OperatorTests.Sample);
        // The objects are created one by one, and each may be compiled in on its own: wait until every one has its
        // verdict and nothing is left to compile, so that the next apply is the edit's.
        await Poll.UntilAsync(async () => await HasVerdictAsync(f, "systems", "demo") && await HasVerdictAsync(f, "workflows", "greet") && await HasVerdictAsync(f, "rules", "on-hello") && op.ConfigIdle,
            "every object's verdict and the compiles done");
        List<JsonElement> applied = [.. logs.Records("config.apply").Where(r => r.GetProperty("namespace").GetString() == f.Namespace)];
        Assert.NotEmpty(applied);
        JsonElement first = applied[^1];
        Assert.Equal("operator/op-1", first.GetProperty("actor").GetString());
        string digest = first.GetProperty("details").GetProperty("digest").GetString()!;

        await f.Client.CustomObjects.PatchNamespacedCustomObjectAsync(new k8s.Models.V1Patch("""{"spec":{"description":"greet once"}}""", k8s.Models.V1Patch.PatchType.MergePatch),
            Kubernetes.Resources.HoneydipperApi.Group, Kubernetes.Resources.HoneydipperApi.Version, f.Namespace, "workflows", "greet");
        await Poll.UntilAsync(() => logs.Records("config.apply").Count(r => r.GetProperty("namespace").GetString() == f.Namespace) > applied.Count, "the change's config.apply record");
        JsonElement change = logs.Records("config.apply").Where(r => r.GetProperty("namespace").GetString() == f.Namespace).ElementAt(applied.Count);
        Assert.Equal(digest, change.GetProperty("details").GetProperty("previousDigest").GetString());
        Assert.NotEqual(digest, change.GetProperty("details").GetProperty("digest").GetString());
        Assert.True(change.GetProperty("details").GetProperty("objects").TryGetProperty("Workflow/greet", out _));
        Assert.True(op.RunsEngineFor(f.Namespace));
    }

    private static async Task<bool> HasVerdictAsync(OperatorFixture f, string plural, string name)
    {
        JsonElement obj = await OperatorTests.GetAsync<JsonElement>(f, plural, name);
        return obj.TryGetProperty("status", out JsonElement status) && status.TryGetProperty("conditions", out JsonElement conditions)
            && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready");
    }

    private static HttpClient Client(OperatorHost op, string? token)
    {
        HttpClient client = new() { BaseAddress = op.ApiAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    /// <summary>Keeps what the audit category logs, the record of each line as JSON.</summary>
    private sealed class AuditLines : ILoggerFactory
    {
        private readonly ConcurrentQueue<(string Action, string Record)> _lines = new();

        public List<JsonElement> Records(string action) => [.. _lines.Where(l => l.Action == action).Select(l => JsonDocument.Parse(l.Record).RootElement.Clone())];

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) => categoryName == AuditLog.Category ? new Capture(_lines) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose()
        {
        }

        private sealed class Capture(ConcurrentQueue<(string, string)> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (state is IReadOnlyList<KeyValuePair<string, object?>> values && values.FirstOrDefault(v => v.Key == "Record").Value is string record)
                {
                    lines.Enqueue(((string)values.First(v => v.Key == "Action").Value!, record));
                }
            }
        }
    }
}
