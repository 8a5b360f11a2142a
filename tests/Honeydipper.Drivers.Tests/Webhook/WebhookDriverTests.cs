using System.Net;
using System.Text;
using Honeydipper.Bus.Protocol;
using Honeydipper.Drivers.Tests.Support;

namespace Honeydipper.Drivers.Tests.Webhook;

/// <summary>The webhook's answers and events, over real HTTP on loopback and the real bus.</summary>
public sealed class WebhookDriverTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly Sdk.DriverOptions Hooks = Options.Of(data: "{max_body_bytes: 1024}", dynamicData: """
        collapsedEvents:
          _.webhook:
            - match: {url: /hook}
            - match: {url: /templated}
              parameters: {response_payload: '{"got": "{{ .event.json.name }}"}', response_content_type: application/json}
        """);

    [Fact]
    public async Task A_matched_request_becomes_an_event_shaped_as_the_original()
    {
        await using DriverHarness webhook = await DriverHarness.StartAsync(redis, "webhook", Hooks);
        using HttpClient http = new();
        using HttpRequestMessage request = new(HttpMethod.Post, new Uri(webhook.Url!, "/hook?b=2&a=1&a=3"))
        {
            Content = new StringContent("""{"name": "Ada"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("x-github-event", "push");

        HttpResponseMessage answer = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        BusEvent delivered = Assert.Single(await webhook.WaitForEventsAsync(1));
        Assert.Equal("webhook", delivered.Driver);
        Assert.Equal(string.Empty, delivered.RawEvent);
        Assert.False(string.IsNullOrEmpty(delivered.Labels["eventID"]));
        IDictionary<string, object?> data = (IDictionary<string, object?>)delivered.Data!;
        Assert.Equal("/hook", data["url"]);
        Assert.Equal("POST", data["method"]);
        Assert.Equal(webhook.Url!.Authority, data["host"]);
        Assert.StartsWith("127.0.0.1:", (string)data["remoteAddr"]!, StringComparison.Ordinal);
        IDictionary<string, object?> headers = (IDictionary<string, object?>)data["headers"]!;
        Assert.Equal(["push"], (IList<object?>)headers["X-Github-Event"]!); // Go-canonical name, a list of values
        Assert.Equal(["application/json; charset=utf-8"], (IList<object?>)headers["Content-Type"]!);
        Assert.False(headers.ContainsKey("Host")); // Go keeps it in host, not in the headers
        IDictionary<string, object?> form = (IDictionary<string, object?>)data["form"]!;
        Assert.Equal(["1", "3"], (IList<object?>)form["a"]!);
        Assert.Equal(["2"], (IList<object?>)form["b"]!);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"name": "Ada"}""")), data["body"]);
        Assert.Equal("Ada", ((IDictionary<string, object?>)data["json"]!)["name"]);
        Assert.False(data.ContainsKey("verifiedSystem")); // unsigned requests carry none
    }

    [Fact]
    public async Task A_request_no_trigger_matches_gets_404_and_publishes_nothing()
    {
        await using DriverHarness webhook = await DriverHarness.StartAsync(redis, "webhook", Hooks);
        using HttpClient http = new();

        HttpResponseMessage answer = await http.PostAsync(new Uri(webhook.Url!, "/nothing-listens-here"), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(webhook.Url!, "/hz/alive"))).StatusCode);
        Assert.Empty(await webhook.EventsAsync());
    }

    [Fact]
    public async Task A_new_trigger_pushed_by_the_engine_applies_without_a_restart()
    {
        await using DriverHarness webhook = await DriverHarness.StartAsync(redis, "webhook", Hooks);
        using HttpClient http = new();
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync(new Uri(webhook.Url!, "/new"), null)).StatusCode);

        await webhook.SetOptionsAsync(Options.Of(dynamicData: "collapsedEvents: {_.webhook: [{match: {url: /new}}]}"));

        await Poll.UntilAsync(async () => (await http.PostAsync(new Uri(webhook.Url!, "/new"), null)).StatusCode == HttpStatusCode.OK, "the new trigger to apply");
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_and_publishes_nothing()
    {
        await using DriverHarness webhook = await DriverHarness.StartAsync(redis, "webhook", Hooks);
        using HttpClient http = new();

        HttpResponseMessage answer = await http.PostAsync(new Uri(webhook.Url!, "/hook"), new StringContent(new string('x', 1025)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        Assert.Contains("max_body_bytes", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync(new Uri(webhook.Url!, "/hook"), new StringContent(new string('x', 1024)))).StatusCode);
        Assert.Single(await webhook.WaitForEventsAsync(1));
    }

    [Fact]
    public async Task Malformed_JSON_is_still_delivered_with_its_body_and_no_json()
    {
        await using DriverHarness webhook = await DriverHarness.StartAsync(redis, "webhook", Hooks);
        using HttpClient http = new();

        HttpResponseMessage answer = await http.PostAsync(new Uri(webhook.Url!, "/hook"), new StringContent("{not json", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        IDictionary<string, object?> data = (IDictionary<string, object?>)Assert.Single(await webhook.WaitForEventsAsync(1)).Data!;
        Assert.False(data.ContainsKey("json"));
        Assert.StartsWith("the body is not valid JSON", (string)data["json_error"]!, StringComparison.Ordinal);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("{not json")), data["body"]);
    }

    [Fact]
    public async Task Accept_uuid_answers_the_event_id_and_response_payload_answers_the_template()
    {
        await using DriverHarness webhook = await DriverHarness.StartAsync(redis, "webhook", Hooks);
        using HttpClient http = new();

        string accepted = await (await http.PostAsync(new Uri(webhook.Url!, "/hook?accept_uuid"), null)).Content.ReadAsStringAsync();
        HttpResponseMessage templated = await http.PostAsync(new Uri(webhook.Url!, "/templated"), new StringContent("""{"name": "Ada"}""", Encoding.UTF8, "application/json"));

        IReadOnlyList<BusEvent> events = await webhook.WaitForEventsAsync(2);
        Assert.Equal($"{{\"eventID\": \"{events[0].Labels["eventID"]}\"}}", accepted);
        Assert.Equal("""{"got": "Ada"}""", await templated.Content.ReadAsStringAsync());
        Assert.Equal("application/json", templated.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task When_the_bus_cannot_take_the_event_the_sender_gets_503_not_200_and_can_retry()
    {
        RedisFixture own = new(persistent: true); // the streams and groups survive the outage, as with a production Redis
        await own.InitializeAsync();
        try
        {
            await using DriverHarness webhook = await DriverHarness.StartAsync(own, "webhook", Hooks);
            using HttpClient http = new();
            await own.Server.KillAsync();

            HttpResponseMessage answer = await http.PostAsync(new Uri(webhook.Url!, "/hook"), null);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
            Assert.NotNull(answer.Headers.RetryAfter);
            await own.Server.RestartAsync();
            await Poll.UntilAsync(async () => (await http.PostAsync(new Uri(webhook.Url!, "/hook"), null)).StatusCode == HttpStatusCode.OK, "the webhook to accept again once Redis is back");
        }
        finally
        {
            await own.DisposeAsync();
        }
    }
}
