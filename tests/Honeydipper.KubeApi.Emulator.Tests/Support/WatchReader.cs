using System.Text.Json.Nodes;

namespace Honeydipper.KubeApi.Emulator.Tests.Support;

/// <summary>Reads a watch stream event by event (one JSON object a line).</summary>
internal sealed class WatchReader(HttpRequestMessage request, HttpResponseMessage response, Stream stream) : IDisposable
{
    private readonly StreamReader reader = new(stream);

    public int StatusCode => (int)response.StatusCode;

    /// <summary>The next event, or null when the server ended the stream; fails after the timeout.</summary>
    public async Task<JsonObject?> NextAsync(TimeSpan? timeout = null)
    {
        using CancellationTokenSource cts = new(timeout ?? TimeSpan.FromSeconds(10));
        string? line;
        try
        {
            line = await reader.ReadLineAsync(cts.Token);
        }
        catch (IOException)
        {
            return null;
        }

        return line is null ? null : (JsonObject)JsonNode.Parse(line)!;
    }

    /// <summary>The next event that is not a bookmark.</summary>
    public async Task<JsonObject?> NextChangeAsync(TimeSpan? timeout = null)
    {
        while (true)
        {
            JsonObject? e = await NextAsync(timeout);
            if (e is null || e["type"]!.GetValue<string>() != "BOOKMARK")
            {
                return e;
            }
        }
    }

    public void Dispose()
    {
        reader.Dispose();
        response.Dispose();
        request.Dispose();
    }
}
