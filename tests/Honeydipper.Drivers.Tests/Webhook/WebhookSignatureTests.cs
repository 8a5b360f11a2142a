using System.Net;
using System.Text;
using Honeydipper.Bus.Protocol;
using Honeydipper.Drivers.Sdk.Secrets;
using Honeydipper.Drivers.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Honeydipper.Drivers.Tests.Webhook;

/// <summary>
/// Signed requests through the real webhook on loopback and the real bus. The vectors are the providers' own published
/// examples (GitHub's and Slack's documentation), and for PagerDuty one computed with openssl
/// (<c>printf '%s' BODY | openssl dgst -sha256 -hmac SECRET</c>): an independent HMAC, not ours.
/// </summary>
public sealed class WebhookSignatureTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string GitHubSecret = "It's a Secret to Everybody";
    private const string GitHubBody = "Hello, World!";
    private const string GitHubSignature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private const string SlackSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const long SlackTimestamp = 1531420618;
    private const string SlackBody = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string SlackSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private const string PagerDutySecret = "pd-webhook-secret-0123456789";
    private const string PagerDutyBody = """{"event":{"id":"01DEN0Y8AAAAAAAAAAAAAA","event_type":"incident.triggered"}}""";
    private const string PagerDutySignature = "v1=274c487a705eaef63f9794eb1024356026061489f7be6c15cffc2205e1280dd5";
    private const string PagerDutyOldSignature = "v1=bd50b91a21242db471ab39dd5b784f608ebbbaac375f7e058ae6f4ffbc6fc388"; // signed with "pd-old-secret"

    /// <summary>Three systems that sign, each with a rule that only fires for requests it signed.</summary>
    private static Sdk.DriverOptions Signed(string github = $"\"{GitHubSecret}\"", string slack = $"\"{SlackSecret}\"", string pagerduty = $"\"{PagerDutySecret}\"") => Options.Of(dynamicData: $$"""
        collapsedEvents:
          github.push:
            - match: {url: /github, verifiedSystem: github}
              sysName: github
              sysData: {signatureHeader: X-Hub-Signature-256, signatureSecret: {{github}}}
          slack.slashcommand:
            - match: {url: /slack, verifiedSystem: slack}
              sysName: slack
              sysData: {signatureHeader: x-slack-signature, signatureSecret: {{slack}}}
          pagerduty.incident:
            - match: {url: /pagerduty, verifiedSystem: pagerduty}
              sysName: pagerduty
              sysData: {signatureHeader: X-PagerDuty-Signature, signatureSecret: {{pagerduty}}}
        """);

    [Fact]
    public async Task A_GitHub_request_signed_with_the_system_secret_is_verified_and_delivered()
    {
        await using DriverHarness webhook = await DriverHarness.StartAsync(redis, "webhook", Signed());
        using HttpClient http = new();

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, webhook, "/github", GitHubBody, ("X-Hub-Signature-256", GitHubSignature))).StatusCode);

        BusEvent delivered = Assert.Single(await webhook.WaitForEventsAsync(1));
        IDictionary<string, object?> data = (IDictionary<string, object?>)delivered.Data!;
        Assert.Equal(["github"], (IList<object?>)data["verifiedSystem"]!);
        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(GitHubBody)), data["body"]);
    }

    [Fact]
    public async Task A_tampered_body_or_a_wrong_secret_is_not_verified_and_the_rule_that_needs_it_answers_404()
    {
        await using DriverHarness webhook = await DriverHarness.StartAsync(redis, "webhook", Signed());
        using HttpClient http = new();

        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(http, webhook, "/github", GitHubBody + " ", ("X-Hub-Signature-256", GitHubSignature))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(http, webhook, "/github", GitHubBody, ("X-Hub-Signature-256", "sha256=" + new string('0', 64)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(http, webhook, "/github", GitHubBody, ("X-Hub-Signature-256", "sha256=not-hex"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(http, webhook, "/github", GitHubBody)).StatusCode); // unsigned
        // Signed right, but with another system's header: only systems that sign with the header present are tried.
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(http, webhook, "/github", GitHubBody, ("X-PagerDuty-Signature", GitHubSignature.Replace("sha256=", "v1=", StringComparison.Ordinal)))).StatusCode);
        Assert.Empty(await webhook.EventsAsync());
    }

    [Fact]
    public async Task A_Slack_request_is_verified_within_the_replay_window_and_refused_outside_it()
    {
        FakeTimeProvider clock = new(DateTimeOffset.FromUnixTimeSeconds(SlackTimestamp - 3)); // signed in the future
        await using DriverHarness webhook = await DriverHarness.StartAsync(redis, "webhook", Signed(), new BuiltinDriverSettings { Time = clock });
        using HttpClient http = new();
        (string, string) stamp = ("X-Slack-Request-Timestamp", SlackTimestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(http, webhook, "/slack", SlackBody, ("X-Slack-Signature", SlackSignature), stamp)).StatusCode);

        clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(SlackTimestamp + 299));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, webhook, "/slack", SlackBody, ("X-Slack-Signature", SlackSignature), stamp)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(http, webhook, "/slack", SlackBody, ("X-Slack-Signature", SlackSignature))).StatusCode); // no timestamp

        clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(SlackTimestamp + 301)); // a replay, 5 minutes later
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(http, webhook, "/slack", SlackBody, ("X-Slack-Signature", SlackSignature), stamp)).StatusCode);

        BusEvent delivered = Assert.Single(await webhook.WaitForEventsAsync(1));
        Assert.Equal(["slack"], (IList<object?>)((IDictionary<string, object?>)delivered.Data!)["verifiedSystem"]!);
    }

    [Fact]
    public async Task A_PagerDuty_request_is_verified_by_any_of_its_signatures_and_with_any_of_the_system_secrets()
    {
        // During a key rotation PagerDuty sends one signature per secret, and the system may list old and new secrets.
        await using DriverHarness webhook = await DriverHarness.StartAsync(redis, "webhook", Signed(pagerduty: $"[pd-unrelated, \"{PagerDutySecret}\"]"));
        using HttpClient http = new();

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, webhook, "/pagerduty", PagerDutyBody, ("X-PagerDuty-Signature", $"{PagerDutyOldSignature},{PagerDutySignature}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(http, webhook, "/pagerduty", PagerDutyBody, ("X-PagerDuty-Signature", PagerDutyOldSignature))).StatusCode);
        Assert.Single(await webhook.WaitForEventsAsync(1));
    }

    [Fact]
    public async Task A_secret_given_by_reference_is_read_from_the_mounted_folder_and_a_rotated_value_applies_at_once()
    {
        string root = Directory.CreateTempSubdirectory("hd-secrets-test-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "github-webhook"));
            string file = Path.Combine(root, "github-webhook", "secret");
            File.WriteAllText(file, "an old secret");
            Sdk.DriverOptions options = Signed(github: "{secretKeyRef: {name: github-webhook, key: secret}}");
            await using DriverHarness webhook = await DriverHarness.StartAsync(redis, "webhook", options, host: o => o with { Secrets = new DirectorySecretSource(root) });
            using HttpClient http = new();

            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(http, webhook, "/github", GitHubBody, ("X-Hub-Signature-256", GitHubSignature))).StatusCode);
            File.WriteAllText(file, GitHubSecret); // kubelet rotates the mounted Secret
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, webhook, "/github", GitHubBody, ("X-Hub-Signature-256", GitHubSignature))).StatusCode);

            File.Delete(file); // a missing secret fails that system only, with a 404, not a crash
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(http, webhook, "/github", GitHubBody, ("X-Hub-Signature-256", GitHubSignature))).StatusCode);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Secret_values_never_reach_the_event_the_bus_carries()
    {
        await using DriverHarness webhook = await DriverHarness.StartAsync(redis, "webhook", Signed());
        using HttpClient http = new();
        await PostAsync(http, webhook, "/github", GitHubBody, ("X-Hub-Signature-256", GitHubSignature));
        BusEvent delivered = Assert.Single(await webhook.WaitForEventsAsync(1));
        string json = Core.Values.GoJson.Serialize(delivered.Data);
        Assert.DoesNotContain(GitHubSecret, json, StringComparison.Ordinal);
        Assert.DoesNotContain("signatureSecret", json, StringComparison.Ordinal);
    }

    internal static async Task<HttpResponseMessage> PostAsync(HttpClient http, DriverHarness webhook, string path, string body, params (string Name, string Value)[] headers)
    {
        using HttpRequestMessage request = new(HttpMethod.Post, new Uri(webhook.Url!, path)) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        foreach ((string name, string value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await http.SendAsync(request);
    }
}
