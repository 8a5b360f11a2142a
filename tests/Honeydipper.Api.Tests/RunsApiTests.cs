using System.Net;
using System.Text.Json;

namespace Honeydipper.Api.Tests;

/// <summary>/api/v1/namespaces/{ns}/runs over real HTTP: start, get, list with filters and pages, stream, cancel.</summary>
public sealed class RunsApiTests
{
    [Fact]
    public async Task A_run_started_through_the_api_is_listed_and_read_with_its_steps_and_exports()
    {
        await using ApiFixture f = await ApiFixture.StartAsync();
        f.Release();
        HttpResponseMessage started = await f.Client.PostAsync("/api/v1/namespaces/local/runs", ApiFixture.Json(new { workflow = "greet", with = new { name = "bob" } }));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        string id = (await ApiFixture.ReadAsync(started)).GetProperty("id").GetString()!;
        Assert.Equal($"/api/v1/namespaces/local/runs/{id}", started.Headers.Location?.ToString());

        JsonElement run = default;
        await Poll.UntilAsync(async () =>
        {
            run = await ApiFixture.ReadAsync(await f.Client.GetAsync($"/api/v1/namespaces/local/runs/{id}"));
            return run.GetProperty("phase").GetString() == "Succeeded";
        }, "greet to succeed");
        Assert.Equal("hello bob", run.GetProperty("exported").GetProperty("greeting").GetString());
        string[] nodes = [.. run.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("type").GetString()!)];
        Assert.Contains("call", nodes);
        Assert.True(nodes.Length >= 3, $"a step tree: {string.Join(", ", nodes)}");
        Assert.False(string.IsNullOrEmpty(run.GetProperty("finishedAt").GetString()));

        JsonElement list = await ApiFixture.ReadAsync(await f.Client.GetAsync("/api/v1/namespaces/local/runs"));
        JsonElement item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetString());
        Assert.False(item.TryGetProperty("nodes", out _));
    }

    [Fact]
    public async Task Runs_are_filtered_by_phase_and_workflow_and_paged_with_continue()
    {
        await using ApiFixture f = await ApiFixture.StartAsync();
        foreach (string workflow in new[] { "quick", "quick", "quick", "broken" })
        {
            Assert.Equal(HttpStatusCode.Created, (await f.Client.PostAsync("/api/v1/namespaces/local/runs", ApiFixture.Json(new { workflow }))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await f.Client.PostAsync("/api/v1/namespaces/local/runs", ApiFixture.Json(new { workflow = "greet" }))).StatusCode);
        await Poll.UntilAsync(async () => Items(await ApiFixture.ReadAsync(await f.Client.GetAsync("/api/v1/namespaces/local/runs?phase=Succeeded"))).Count == 3, "three quick runs to succeed");
        Assert.Equal(["broken"], Names(await ApiFixture.ReadAsync(await f.Client.GetAsync("/api/v1/namespaces/local/runs?phase=failed"))));
        Assert.Equal(["greet"], Names(await ApiFixture.ReadAsync(await f.Client.GetAsync("/api/v1/namespaces/local/runs?workflow=greet"))));

        JsonElement first = await ApiFixture.ReadAsync(await f.Client.GetAsync("/api/v1/namespaces/local/runs?workflow=quick&limit=2"));
        Assert.Equal(2, Items(first).Count);
        string next = first.GetProperty("continue").GetString()!;
        JsonElement second = await ApiFixture.ReadAsync(await f.Client.GetAsync($"/api/v1/namespaces/local/runs?workflow=quick&limit=2&continue={next}"));
        Assert.Single(Items(second));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("continue").ValueKind);
        string[] all = [.. Items(first).Concat(Items(second)).Select(r => r.GetProperty("id").GetString()!)];
        Assert.Equal(3, all.Distinct().Count());

        HttpResponseMessage badPhase = await f.Client.GetAsync("/api/v1/namespaces/local/runs?phase=Sleeping");
        Assert.Equal(HttpStatusCode.BadRequest, badPhase.StatusCode);
        Assert.Equal("application/problem+json", badPhase.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_runs_workflows_and_namespaces_are_problems()
    {
        await using ApiFixture f = await ApiFixture.StartAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await f.Client.GetAsync("/api/v1/namespaces/local/runs/999")).StatusCode);
        HttpResponseMessage noWorkflow = await f.Client.PostAsync("/api/v1/namespaces/local/runs", ApiFixture.Json(new { workflow = "nope" }));
        Assert.Equal(HttpStatusCode.NotFound, noWorkflow.StatusCode);
        Assert.Contains("workflow nope is not defined", (await ApiFixture.ReadAsync(noWorkflow)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await f.Client.PostAsync("/api/v1/namespaces/local/runs", ApiFixture.Json(new { with = new { } }))).StatusCode);
        HttpResponseMessage otherNs = await f.Client.GetAsync("/api/v1/namespaces/elsewhere/runs");
        Assert.Equal(HttpStatusCode.NotFound, otherNs.StatusCode);
        Assert.Equal("Namespace not served", (await ApiFixture.ReadAsync(otherNs)).GetProperty("title").GetString());
        HttpResponseMessage cancel = await f.Client.PostAsync("/api/v1/namespaces/local/runs/999/cancel", null);
        Assert.Equal(HttpStatusCode.NotFound, cancel.StatusCode);
        Assert.Equal("application/problem+json", cancel.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_running_run_is_cancelled_with_a_reason_audited_and_a_finished_one_is_a_conflict()
    {
        await using ApiFixture f = await ApiFixture.StartAsync();
        HttpResponseMessage started = await f.Client.PostAsync("/api/v1/namespaces/local/runs", ApiFixture.Json(new { workflow = "greet" }));
        string id = (await ApiFixture.ReadAsync(started)).GetProperty("id").GetString()!;

        HttpResponseMessage badBody = await f.Client.PostAsync($"/api/v1/namespaces/local/runs/{id}/cancel", ApiFixture.Json(new { reason = 3 }));
        Assert.Equal(HttpStatusCode.BadRequest, badBody.StatusCode);

        HttpResponseMessage cancel = await f.Client.PostAsync($"/api/v1/namespaces/local/runs/{id}/cancel", ApiFixture.Json(new { reason = "deploy window closed" }));
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        JsonElement run = await ApiFixture.ReadAsync(cancel);
        Assert.Equal("Cancelled", run.GetProperty("phase").GetString());
        Assert.Equal("cancelled by alice: deploy window closed", run.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrEmpty(run.GetProperty("finishedAt").GetString()));
        Assert.All(run.GetProperty("nodes").EnumerateArray(), n => Assert.NotEqual("Running", n.GetProperty("phase").GetString()));

        // The held call comes back after the cancel: it is ignored and the second step never runs.
        f.Release();
        await Poll.UntilAsync(() => f.Logs.Lines.Any(l => l.Category == "engine" && l.Message.StartsWith("return for unknown session", StringComparison.Ordinal)), "the held call's return to reach the engine and be ignored");
        JsonElement after = await ApiFixture.ReadAsync(await f.Client.GetAsync($"/api/v1/namespaces/local/runs/{id}"));
        Assert.Equal("Cancelled", after.GetProperty("phase").GetString());
        Assert.Equal(0, await f.Host.InspectAsync(e => e.SessionCount));

        JsonElement audit = Assert.Single(f.Logs.Audit.Where(s => s.Any(kv => kv.Key == "Action" && (string?)kv.Value == "run.cancel")).Select(s => JsonDocument.Parse((string)s.Single(kv => kv.Key == "Record").Value!).RootElement.Clone()));
        Assert.Equal($"run/{id}", audit.GetProperty("target").GetString());
        Assert.Equal("deploy window closed", audit.GetProperty("details").GetProperty("reason").GetString());

        HttpResponseMessage again = await f.Client.PostAsync($"/api/v1/namespaces/local/runs/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already finished (Cancelled)", (await ApiFixture.ReadAsync(again)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_run_stream_sends_every_run_then_its_updates_as_server_sent_events()
    {
        await using ApiFixture f = await ApiFixture.StartAsync();
        using HttpRequestMessage request = new(HttpMethod.Get, "/api/v1/namespaces/local/runs/stream");
        using HttpResponseMessage response = await f.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using StreamReader reader = new(await response.Content.ReadAsStreamAsync());

        HttpResponseMessage started = await f.Client.PostAsync("/api/v1/namespaces/local/runs", ApiFixture.Json(new { workflow = "greet" }));
        string id = (await ApiFixture.ReadAsync(started)).GetProperty("id").GetString()!;
        List<string> phases = [];
        using CancellationTokenSource deadline = new(TimeSpan.FromSeconds(20));
        while (!phases.Contains("Succeeded"))
        {
            string? line = await reader.ReadLineAsync(deadline.Token);
            Assert.NotNull(line);
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                JsonElement run = JsonDocument.Parse(line[6..]).RootElement;
                if (run.GetProperty("id").GetString() == id)
                {
                    phases.Add(run.GetProperty("phase").GetString()!);
                    if (phases.Count == 1)
                    {
                        f.Release(); // seen running: let it finish
                    }
                }
            }
        }

        Assert.Equal("Running", phases[0]);
        Assert.Equal("Succeeded", phases[^1]);
    }

    private static List<JsonElement> Items(JsonElement list) => [.. list.GetProperty("items").EnumerateArray()];

    private static string[] Names(JsonElement list) => [.. Items(list).Select(r => r.GetProperty("name").GetString()!)];
}
