using Honeydipper.Core.Values;
using Microsoft.AspNetCore.Http;

namespace Honeydipper.Drivers.Webhook;

/// <summary>A request as the original's ExtractWebRequest shows it to rules and templates.</summary>
internal static class WebhookEvent
{
    /// <summary>The event data, and the body's bytes (signatures are computed over them).</summary>
    public static async Task<(Dictionary<string, object?> Data, byte[] Body)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using MemoryStream buffer = new();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        byte[] body = buffer.ToArray();
        Dictionary<string, List<object?>> form = new(StringComparer.Ordinal);
        string contentType = request.ContentType ?? string.Empty;
        if (body.Length > 0 && contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            AddQuery(form, System.Text.Encoding.UTF8.GetString(body));
        }

        AddQuery(form, request.QueryString.Value?.TrimStart('?') ?? string.Empty);
        Dictionary<string, object?> headers = new(StringComparer.Ordinal);
        foreach ((string name, Microsoft.Extensions.Primitives.StringValues values) in request.Headers)
        {
            if (string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase))
            {
                continue; // Go moves it out of the headers into host
            }

            headers[GoHeaders.Canonical(name)] = values.Select(v => (object?)v).ToList();
        }

        Dictionary<string, object?> data = new(StringComparer.Ordinal)
        {
            ["url"] = request.Path.Value ?? "/",
            ["method"] = request.Method,
            ["form"] = form.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
            ["headers"] = headers,
            ["host"] = request.Host.Value,
            ["remoteAddr"] = $"{request.HttpContext.Connection.RemoteIpAddress}:{request.HttpContext.Connection.RemotePort}",
        };
        if (body.Length > 0)
        {
            // Go's encoding/json writes []byte as base64, and that is what the original's rules and templates see.
            data["body"] = Convert.ToBase64String(body);
            if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                try
                {
                    data["json"] = GoJson.Deserialize(System.Text.Encoding.UTF8.GetString(body));
                }
                catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
                {
                    // The original answers 400; we deliver the event without json (and say why) so that a rule can
                    // still see the body, and a sender that would retry a 400 forever does not.
                    data["json_error"] = "the body is not valid JSON: " + ex.Message;
                }
            }
        }

        return (data, body);
    }

    private static void AddQuery(Dictionary<string, List<object?>> form, string query)
    {
        foreach (string pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string key = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
            string value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            if (!form.TryGetValue(key, out List<object?>? values))
            {
                form[key] = values = [];
            }

            values.Add(value);
        }
    }
}
