using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Honeydipper.Core.Values;
using Honeydipper.Drivers.Sdk;

namespace Honeydipper.Drivers.Web;

/// <summary>
/// Outbound HTTP requests (<c>request</c>), as the original's web driver makes them: <c>URL</c> (required),
/// <c>method</c> (GET), <c>form</c> (the query for GET and other bodiless methods, the body otherwise), <c>header</c>,
/// <c>content</c> (a string is the body; a map is JSON when the content type is JSON, a form otherwise). The answer is
/// <c>{status_code, headers, cookies, body, json}</c>; a status of 400 or more is an error "Error: got status code: N".
/// <c>tokenSource</c> names a <see cref="TokenSources">token source</see> whose token is sent as <c>Authorization: Bearer</c>.
/// TLS certificates are always verified; the driver option <c>api_timeout</c> (seconds, default 10) bounds each request.
/// </summary>
public sealed class WebDriver(BuiltinDriverSettings settings) : IBuiltinDriver, IDisposable
{
    // One client for the driver's life: sockets are pooled; each request gets its own time limit below.
    private readonly HttpClient _client = settings.HttpHandler is null
        ? new HttpClient { Timeout = Timeout.InfiniteTimeSpan }
        : new HttpClient(settings.HttpHandler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    private TokenSources? _tokens;

    public string Type => "web";

    public void Register(DriverHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _tokens = new TokenSources(_client, settings.Time);
        host.Handle("request", async (ctx, ct) =>
        {
            string? bearer = ctx.Text("tokenSource") is { Length: > 0 } source ? await _tokens.TokenAsync(source, host.Options, host.Secrets, ct).ConfigureAwait(false) : null;
            return await SendAsync(_client, host.Options, ctx, bearer, ct).ConfigureAwait(false);
        });
    }

    public Task ServeAsync(DriverHost host, CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _client.Dispose();

    internal static async Task<CommandResult> SendAsync(HttpClient client, DriverOptions options, CommandContext ctx, string? bearer, CancellationToken cancellationToken)
    {
        string url = ctx.Text("URL");
        if (url.Length == 0)
        {
            return CommandResult.Error("[web] URL is required but missing");
        }

        string method = ctx.Text("method", "GET").ToUpperInvariant();
        List<KeyValuePair<string, string>> form = Pairs(ctx.Parameters.TryGetValue("form", out object? f) ? f : null);
        Dictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase);
        if (ctx.Parameters.TryGetValue("header", out object? h) && h is IDictionary<string, object?> headerMap)
        {
            foreach ((string name, object? value) in headerMap)
            {
                headers[GoHeaders.Canonical(name)] = value is string s ? s : GoValueFormatter.Format(value);
            }
        }

        if (bearer is not null)
        {
            headers["Authorization"] = "Bearer " + bearer;
        }

        bool hasBody = method is "POST" or "PUT" or "PATCH";
        if (!hasBody && form.Count > 0)
        {
            url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + Encode(form);
        }

        using HttpRequestMessage request = new(new HttpMethod(method), url);
        if (hasBody)
        {
            request.Content = Body(ctx.Parameters, form, headers);
        }

        foreach ((string name, string value) in headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        double seconds = options.Data.TryGetValue("api_timeout", out object? t) && t is double limitSeconds && limitSeconds > 0 ? limitSeconds : 10;
        using CancellationTokenSource limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(seconds));
        // Errors name the request without its query, which may carry credentials.
        string target = $"{method} {request.RequestUri!.GetLeftPart(UriPartial.Path)}";
        try
        {
            using HttpResponseMessage response = await client.SendAsync(request, limit.Token).ConfigureAwait(false);
            Dictionary<string, object?> data = await ResponseData(response, limit.Token).ConfigureAwait(false);
            int code = (int)response.StatusCode;
            return code >= 400 ? CommandResult.Error($"Error: got status code: {code}", data) : CommandResult.Success(data);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return CommandResult.Error($"[web] {target}: no answer within {seconds} s (the driver option api_timeout)");
        }
        catch (HttpRequestException ex)
        {
            return CommandResult.Error($"[web] {target}: {ex.Message}{(ex.InnerException is { } inner ? " " + inner.Message : string.Empty)}");
        }
    }

    private static StringContent Body(IDictionary<string, object?> parameters, List<KeyValuePair<string, string>> form, Dictionary<string, string> headers)
    {
        bool json = headers.TryGetValue("Content-Type", out string? type) && type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);
        parameters.TryGetValue("content", out object? content);
        return content switch
        {
            string text => new StringContent(text, Encoding.UTF8),
            not null when json => new StringContent(GoJson.Serialize(content, escapeHtml: true), Encoding.UTF8),
            not null => new StringContent(Encode(Pairs(content)), Encoding.UTF8, "application/x-www-form-urlencoded"),
            null when json => new StringContent(GoJson.Serialize(parameters.TryGetValue("form", out object? f) ? f : null), Encoding.UTF8),
            _ => new StringContent(Encode(form), Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
    }

    private static async Task<Dictionary<string, object?>> ResponseData(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        Dictionary<string, object?> headers = new(StringComparer.Ordinal);
        foreach ((string name, IEnumerable<string> values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[GoHeaders.Canonical(name)] = values.Select(v => (object?)v).ToList();
        }

        Dictionary<string, object?> cookies = new(StringComparer.Ordinal);
        if (response.Headers.TryGetValues("Set-Cookie", out IEnumerable<string>? setCookies))
        {
            foreach (string cookie in setCookies)
            {
                string pair = cookie.Split(';', 2)[0];
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    cookies[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
                }
            }
        }

        Dictionary<string, object?> data = new(StringComparer.Ordinal)
        {
            ["status_code"] = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture),
            ["cookies"] = cookies,
            ["headers"] = headers,
            ["body"] = body,
        };
        MediaTypeHeaderValue? type = response.Content.Headers.ContentType;
        if (type?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true && body.Length > 0)
        {
            try
            {
                data["json"] = GoJson.Deserialize(body);
            }
            catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException)
            {
                throw new InvalidOperationException("[web] invalid json in response body", ex);
            }
        }

        return data;
    }

    private static List<KeyValuePair<string, string>> Pairs(object? value)
    {
        List<KeyValuePair<string, string>> pairs = [];
        if (value is IDictionary<string, object?> map)
        {
            foreach ((string key, object? v) in map)
            {
                switch (v)
                {
                    case IList<object?> list:
                        pairs.AddRange(list.Select(item => new KeyValuePair<string, string>(key, item as string ?? GoValueFormatter.Format(item))));
                        break;
                    case null:
                        break;
                    default:
                        pairs.Add(new KeyValuePair<string, string>(key, v as string ?? GoValueFormatter.Format(v)));
                        break;
                }
            }
        }

        return pairs;
    }

    private static string Encode(List<KeyValuePair<string, string>> pairs) =>
        string.Join("&", pairs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
}
