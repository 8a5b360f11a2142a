using System.Net;
using System.Text;
using Honeydipper.Cli.Tests;

namespace Honeydipper.Reliability.Tests.Fuzzing;

/// <summary>
/// 10,000 fuzzed HTTP requests to the webhook of a real <c>honeydipper local</c>: odd methods, paths, queries, headers,
/// content types, broken and binary bodies, oversized ones. Each gets an answer below 500 (a refusal says why), the
/// process survives them all, and a good request afterwards still runs its workflow.
/// </summary>
public sealed class WebhookFuzzTests : IDisposable
{
    private const int Cases = 10_000;
    private const int Seed = 4242;
    private static readonly string[] Methods = ["GET", "POST", "POST", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "FUZZ"];
    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/json; charset=bogus", "application/x-www-form-urlencoded",
        "text/plain", "multipart/form-data; boundary=x", "application/vnd.api+json", "", "json", ";;;",
    ];

    private const string Json = """{"name": "Ada", "n": [1, 2.5, {"x": null, "y": true}], "nested": {"a": {"b": {"c": "d"}}}}""";

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hd-fuzz-webhook-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Ten_thousand_fuzzed_webhook_requests_get_answers_below_500_and_the_process_keeps_serving()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "init.yaml"), """
            drivers:
              webhook: {max_body_bytes: 65536}
              echo: {}
            rules:
              - when: {driver: webhook, if_match: {url: /hook}}
                do:
                  call_driver: echo.return
                  with: {got: '{{ .event.json.name | default "nobody" }}'}
            """);
        await using LocalProcess local = LocalProcess.Start(_dir.FullName, "127.0.0.1:0");
        string line = await local.WaitForLineAsync(l => l.StartsWith("webhook: http://", StringComparison.Ordinal));
        Uri webhook = new(line["webhook: ".Length..].Trim());

        using HttpClient http = new() { Timeout = TimeSpan.FromSeconds(20) };
        Fuzzer fuzzer = new(Seed);
        List<(int Case, HttpRequestMessage Request, string Shown)> requests = [.. Enumerable.Range(0, Cases).Select(i => Request(fuzzer, webhook, i))];
        Dictionary<HttpStatusCode, int> statuses = [];
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (r, ct) =>
        {
            using HttpRequestMessage request = r.Request;
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Assert.Fail($"case {r.Case} (seed {Seed}) got no answer ({ex.Message}): {r.Shown}\n{local.Output[^Math.Min(local.Output.Length, 4000)..]}");
                throw;
            }

            using (response)
            {
                string body = await response.Content.ReadAsStringAsync(ct);
                Assert.True((int)response.StatusCode < 500, $"case {r.Case} (seed {Seed}): {(int)response.StatusCode} {body}: {r.Shown}");
                // Kestrel itself refuses a request line with a control character (%00) with a bare 400 before any
                // of our code sees it; every refusal of ours says why.
                bool refusedByServer = response.StatusCode == HttpStatusCode.BadRequest && request.RequestUri!.AbsolutePath.Contains("%00", StringComparison.Ordinal);
                if ((int)response.StatusCode >= 400 && response.StatusCode is not HttpStatusCode.NotFound && request.Method != HttpMethod.Head && !refusedByServer)
                {
                    Assert.False(string.IsNullOrWhiteSpace(body), $"case {r.Case} (seed {Seed}): {(int)response.StatusCode} without a reason: {r.Shown}");
                }

                lock (statuses)
                {
                    statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
                }
            }
        }).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.OK) > Cases / 10, "too few fuzzed requests were accepted: " + string.Join(", ", statuses));
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.NotFound) > Cases / 10, "too few fuzzed requests missed every rule: " + string.Join(", ", statuses));

        // Still alive and still doing its job.
        using StringContent good = new("""{"name": "Grace"}""", Encoding.UTF8, "application/json");
        HttpResponseMessage answer = await http.PostAsync(new Uri(webhook, "/hook"), good);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        await local.WaitForLineAsync(l => l.Contains("Succeeded", StringComparison.Ordinal));
    }

    private static (int, HttpRequestMessage, string) Request(Fuzzer fuzzer, Uri webhook, int i)
    {
        string method = Methods[fuzzer.Next(Methods.Length)];
        string path = fuzzer.Next(2) == 0 ? "/hook" : "/" + Uri.EscapeDataString(fuzzer.Token() + fuzzer.Token());
        string query = fuzzer.Next(3) == 0 ? string.Empty : "?" + Uri.EscapeDataString(fuzzer.Token()) + "=" + Uri.EscapeDataString(fuzzer.Token()) + "&a=1&a=%ZZ";
        HttpRequestMessage request = new(new HttpMethod(method), new Uri(webhook, path + query));
        string contentType = ContentTypes[fuzzer.Next(ContentTypes.Length)];
        byte[] body = fuzzer.Next(6) switch
        {
            0 => [],
            1 => fuzzer.Bytes(512),
            2 => new byte[70_000 + fuzzer.Next(1000)], // over max_body_bytes
            3 => Encoding.UTF8.GetBytes("a=1&b=" + Uri.EscapeDataString(fuzzer.Token()) + "&c=%E0%A4%A&=&&=x"),
            _ => Encoding.UTF8.GetBytes(Mutate(fuzzer, Json)),
        };
        if (method is not ("GET" or "HEAD") || body.Length > 0 && fuzzer.Next(4) == 0)
        {
            ByteArrayContent content = new(body);
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            request.Content = content;
        }

        for (int h = fuzzer.Next(4); h > 0; h--)
        {
            request.Headers.TryAddWithoutValidation("X-Fuzz-" + fuzzer.Next(1000), new string([.. fuzzer.Token().Where(c => c is >= ' ' and < (char)0x7f)])); // what HttpClient lets through
        }

        if (fuzzer.Next(5) == 0)
        {
            request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", "sha256=" + Convert.ToHexString(fuzzer.Bytes(32)));
        }

        return (i, request, $"{method} {path}{query} ({contentType}, {body.Length} bytes)");
    }

    private static string Mutate(Fuzzer fuzzer, string json)
    {
        StringBuilder text = new(json);
        for (int m = fuzzer.Next(4); m > 0; m--)
        {
            int at = fuzzer.Next(text.Length + 1);
            if (fuzzer.Next(2) == 0 && at < text.Length)
            {
                text.Remove(at, Math.Min(text.Length - at, 1 + fuzzer.Next(5)));
            }
            else
            {
                text.Insert(at, fuzzer.Token());
            }
        }

        return text.ToString();
    }
}
