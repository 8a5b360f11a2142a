using Honeydipper.Core.Values;
using Microsoft.AspNetCore.Http;

namespace Honeydipper.Api.Endpoints;

/// <summary>Reads a JSON request body as Go-shaped data (the engine's kind of values).</summary>
internal static class RequestBody
{
    public const int MaxBytes = 1 << 20;

    public static object? Field(IDictionary<string, object?> map, string key) => map.TryGetValue(key, out object? value) ? value : null;

    public static bool IsJson(HttpRequest request) => request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;

    /// <returns>The object, or null with what is wrong.</returns>
    public static async Task<(IDictionary<string, object?>? Body, string Error)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return (null, $"the body is larger than {MaxBytes} bytes");
        }

        using StreamReader reader = new(request.Body);
        string text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return GoJson.Deserialize(text) is IDictionary<string, object?> map ? (map, string.Empty) : (null, "the body must be a JSON object");
        }
        catch (FormatException ex)
        {
            return (null, "the body is not JSON: " + ex.Message);
        }
    }
}
