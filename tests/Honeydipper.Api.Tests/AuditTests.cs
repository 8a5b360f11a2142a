using System.Net;
using System.Text.Json;
using Honeydipper.Api.Audit;

namespace Honeydipper.Api.Tests;

/// <summary>Audit records for API changes and run starts, with secrets redacted.</summary>
public sealed class AuditTests
{
    [Fact]
    public async Task Starting_a_run_through_the_api_writes_the_mutation_and_the_run_start_with_who_asked()
    {
        await using ApiFixture f = await ApiFixture.StartAsync();
        f.Release();
        HttpResponseMessage started = await f.Client.PostAsync("/api/v1/namespaces/local/runs", ApiFixture.Json(new { workflow = "quick", with = new { name = "x", apiToken = "do-not-log-me" } }));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        string id = (await ApiFixture.ReadAsync(started)).GetProperty("id").GetString()!;

        await Poll.UntilAsync(() => Records(f, "run.start").Count > 0, "the run.start audit record");
        JsonElement create = Records(f, "run.create").Single();
        Assert.Equal("alice", create.GetProperty("actor").GetString());
        Assert.Equal($"run/{id}", create.GetProperty("target").GetString());
        Assert.Equal(AuditLog.Redacted, create.GetProperty("details").GetProperty("with").GetProperty("apiToken").GetString());
        Assert.Equal("x", create.GetProperty("details").GetProperty("with").GetProperty("name").GetString());
        JsonElement start = Records(f, "run.start").Single();
        Assert.Equal("alice", start.GetProperty("actor").GetString());
        Assert.Equal("quick", start.GetProperty("details").GetProperty("workflow").GetString());
        Assert.DoesNotContain(f.Logs.Lines, l => l.Message.Contains("do-not-log-me", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_event_added_through_the_api_and_the_run_it_starts_are_audited_with_the_event_and_rule()
    {
        await using ApiFixture f = await ApiFixture.StartAsync();
        HttpResponseMessage added = await f.Client.PostAsync("/api/events", ApiFixture.Json(new { events = new[] { "webhook." }, data = new { url = "/go", headers = new { Authorization = "Bearer abc" } } }));
        string eventId = (await ApiFixture.ReadAsync(added)).GetProperty("local").GetProperty("eventID").GetString()!;
        await Poll.UntilAsync(() => Records(f, "run.start").Count > 0, "the run.start audit record");
        JsonElement add = Records(f, "event.add").Single();
        Assert.Equal("alice", add.GetProperty("actor").GetString());
        Assert.Equal($"event/{eventId}", add.GetProperty("target").GetString());
        Assert.Equal(AuditLog.Redacted, add.GetProperty("details").GetProperty("data").GetProperty("headers").GetProperty("Authorization").GetString());
        JsonElement start = Records(f, "run.start").Single();
        Assert.Equal("alice", start.GetProperty("actor").GetString()); // the API's caller sent the event
        Assert.Equal(eventId, start.GetProperty("details").GetProperty("eventID").GetString());
    }

    [Fact]
    public async Task A_run_started_by_a_drivers_event_is_audited_with_the_event_and_rule_as_actor()
    {
        await using ApiFixture f = await ApiFixture.StartAsync();
        await f.Bus.PublishAsync(Bus.Protocol.StreamName.Events(ApiFixture.Ns), new Bus.Protocol.BusEvent("e1", "webhook", string.Empty, new Dictionary<string, string> { ["eventID"] = "ev-1" }, new Dictionary<string, object?> { ["url"] = "/go" }).ToMessage());
        await Poll.UntilAsync(() => Records(f, "run.start").Count > 0, "the run.start audit record");
        string actor = Records(f, "run.start").Single().GetProperty("actor").GetString()!;
        Assert.Contains("ev-1", actor, StringComparison.Ordinal);
        Assert.Contains("rule", actor, StringComparison.Ordinal);
    }

    private static List<JsonElement> Records(ApiFixture f, string action) =>
        [.. f.Logs.Audit.Where(s => s.Any(kv => kv.Key == "Action" && (string?)kv.Value == action))
            .Select(s => JsonDocument.Parse((string)s.Single(kv => kv.Key == "Record").Value!).RootElement.Clone())];
}
