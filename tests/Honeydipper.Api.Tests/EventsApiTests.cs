using System.Net;
using System.Text;
using System.Text.Json;

namespace Honeydipper.Api.Tests;

/// <summary>Honeydipper's /api/events over real HTTP: add an event, list sessions, wait for them (semantics §8).</summary>
public sealed class EventsApiTests
{
    [Fact]
    public async Task An_event_added_through_the_api_runs_its_rule_and_the_wait_returns_its_sessions()
    {
        await using ApiFixture f = await ApiFixture.StartAsync();
        HttpResponseMessage added = await f.Client.PostAsync("/api/events", ApiFixture.Json(new { events = new[] { "webhook." }, data = new { url = "/go" } }));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        string eventId = (await ApiFixture.ReadAsync(added)).GetProperty("local").GetProperty("eventID").GetString()!;

        HttpResponseMessage waited = await f.Client.GetAsync($"/api/events/{eventId}/wait");
        Assert.Equal(HttpStatusCode.OK, waited.StatusCode);
        JsonElement session = Assert.Single((await ApiFixture.ReadAsync(waited)).GetProperty("sessions").EnumerateArray());
        Assert.Equal("calling quick", session.GetProperty("name").GetString()); // the rule's do is an anonymous workflow
        Assert.Equal(eventId, f.Target.Runs.List().Single().EventId);
        Assert.Equal("success", session.GetProperty("status").GetString());
        Assert.Equal("yes", session.GetProperty("exported").GetProperty("done").GetString());
    }

    [Fact]
    public async Task A_wait_for_an_event_that_started_nothing_is_404_and_a_slow_one_is_202_then_200()
    {
        await using ApiFixture f = await ApiFixture.StartAsync(o => o with { WaitTimeout = TimeSpan.FromMilliseconds(300) });
        HttpResponseMessage none = await f.Client.GetAsync("/api/events/no-such-event/wait");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Contains("object not found", (await ApiFixture.ReadAsync(none)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        // greet holds in its first step: the wait answers 202 with what it has, and the same GET picks it up again.
        HttpResponseMessage started = await f.Client.PostAsync("/api/v1/namespaces/local/runs", ApiFixture.Json(new { workflow = "greet", with = new { name = "ada" } }));
        string eventId = (await ApiFixture.ReadAsync(started)).GetProperty("eventID").GetString()!;
        HttpResponseMessage pending = await f.Client.GetAsync($"/api/events/{eventId}/wait");
        Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
        JsonElement body = await ApiFixture.ReadAsync(pending);
        Assert.Equal(eventId, body.GetProperty("uuid").GetString());
        Assert.Equal("greet", Assert.Single(body.GetProperty("results").GetProperty("sessions").EnumerateArray()).GetProperty("name").GetString());

        f.Release();
        await Poll.UntilAsync(async () => (await f.Client.GetAsync($"/api/events/{eventId}/wait")).StatusCode == HttpStatusCode.OK, "the wait to answer 200 once greet ended");
        JsonElement done = Assert.Single((await ApiFixture.ReadAsync(await f.Client.GetAsync($"/api/events/{eventId}/wait"))).GetProperty("sessions").EnumerateArray());
        Assert.Equal("hello ada", done.GetProperty("exported").GetProperty("greeting").GetString());
    }

    [Fact]
    public async Task The_event_list_shows_sessions_in_progress()
    {
        await using ApiFixture f = await ApiFixture.StartAsync();
        HttpResponseMessage started = await f.Client.PostAsync("/api/v1/namespaces/local/runs", ApiFixture.Json(new { workflow = "greet" }));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        JsonElement list = await ApiFixture.ReadAsync(await f.Client.GetAsync("/api/events"));
        JsonElement session = Assert.Single(list.GetProperty("local").GetProperty("sessions").EnumerateArray());
        Assert.Equal("greet", session.GetProperty("name").GetString());
        Assert.Equal("holds, then greets", session.GetProperty("description").GetString());
        Assert.False(string.IsNullOrEmpty(session.GetProperty("startTime").GetString()));
    }

    [Fact]
    public async Task Adding_an_event_needs_json_and_a_list_of_events()
    {
        await using ApiFixture f = await ApiFixture.StartAsync();
        HttpResponseMessage text = await f.Client.PostAsync("/api/events", new StringContent("{}", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal("application/problem+json", text.Content.Headers.ContentType?.MediaType);
        HttpResponseMessage noEvents = await f.Client.PostAsync("/api/events", ApiFixture.Json(new { data = new { } }));
        Assert.Equal(HttpStatusCode.BadRequest, noEvents.StatusCode);
        Assert.Contains("events", (await ApiFixture.ReadAsync(noEvents)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
