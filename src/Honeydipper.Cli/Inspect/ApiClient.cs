using System.Net.Http.Headers;
using System.Text;
using Honeydipper.Core.Values;

namespace Honeydipper.Cli.Inspect;

/// <summary>The CLI's side of the API: JSON in and out as Go-shaped data, errors as the problem's detail.</summary>
internal sealed class ApiClient(Uri address, string? token, string ns) : IDisposable
{
    private readonly HttpClient _http = Create(address, token);

    public string Namespace => ns;

    public string RunsPath => $"/api/v1/namespaces/{Uri.EscapeDataString(ns)}/runs";

    public async Task<IDictionary<string, object?>> GetAsync(string path, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await _http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IDictionary<string, object?>> PostAsync(string path, object body, CancellationToken cancellationToken)
    {
        using StringContent content = new(GoJson.Serialize(body), Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await _http.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Each run the stream sends (every run first, then updates), until cancelled or the server ends it.</summary>
    public async IAsyncEnumerable<IDictionary<string, object?>> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = new(HttpMethod.Get, new Uri(RunsPath + "/stream", UriKind.Relative));
        using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }

        using StreamReader reader = new(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal) && GoJson.Deserialize(line[6..]) is IDictionary<string, object?> run)
            {
                yield return run;
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private static HttpClient Create(Uri address, string? token)
    {
        HttpClient http = new() { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    private static async Task<IDictionary<string, object?>> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        object? body = text.Length == 0 ? null : GoJson.Deserialize(text);
        if (!response.IsSuccessStatusCode)
        {
            string detail = body is IDictionary<string, object?> problem && problem.TryGetValue("detail", out object? d) && d is string s ? s : text;
            throw new ApiCallException($"{(int)response.StatusCode} {response.ReasonPhrase}: {detail}");
        }

        return body as IDictionary<string, object?> ?? new Dictionary<string, object?>(StringComparer.Ordinal);
    }
}
