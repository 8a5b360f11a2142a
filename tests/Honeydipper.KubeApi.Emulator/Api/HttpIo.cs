using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Honeydipper.KubeApi.Emulator.Api;

/// <summary>Reading request bodies and writing JSON answers.</summary>
internal static class HttpIo
{
    /// <summary>Quotes as \" rather than \u0022, as Go's encoder writes them, so messages read naturally.</summary>
    public static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<JsonNode?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string contentType = request.ContentType ?? "application/json";
        if (request.Method is "POST" or "PUT" && !contentType.StartsWith("application/json", StringComparison.Ordinal) && !contentType.StartsWith("*/*", StringComparison.Ordinal))
        {
            // The emulator speaks JSON only; client-go answers 415 by retrying in JSON, as it does with servers
            // that do not accept protobuf or CBOR.
            throw ApiException.UnsupportedMediaType(contentType, ["application/json", "application/yaml"]);
        }

        using StreamReader reader = new(request.Body, Encoding.UTF8);
        string text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"the body of the request could not be decoded: {e.Message}");
        }
    }

    public static async Task WriteJsonAsync(HttpResponse response, int code, JsonNode body, CancellationToken cancellationToken)
    {
        response.StatusCode = code;
        response.ContentType = "application/json";
        byte[] bytes = Encoding.UTF8.GetBytes(body.ToJsonString(Json));
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    public static bool WantsTable(HttpRequest request) =>
        request.Headers.Accept.Any(a => a is not null && a.Contains("as=Table", StringComparison.Ordinal));

    public static bool Flag(HttpRequest request, string name) =>
        request.Query[name].ToString() is "1" or "true" or "True";
}
