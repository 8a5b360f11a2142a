using System.Text.Json;
using System.Text.Json.Serialization;

namespace Honeydipper.Bus;

/// <summary>
/// A control broadcast: <c>config</c> (a driver's options changed: re-read its config key), <c>reload</c>, or
/// <c>resume</c> (a waiting session's token). JSON on the wire: <c>{"v":1,"kind":"config","driver":"webhook"}</c>.
/// </summary>
public sealed record ControlSignal(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("driver")] string Driver = "",
    [property: JsonPropertyName("data")] string Data = "")
{
    public const string Config = "config";
    public const string Reload = "reload";

    /// <summary>Stop serving the command whose id is <see cref="Data"/>: the session that sent it no longer waits for it.</summary>
    public const string Cancel = "cancel";

    [JsonPropertyName("v")]
    public int Version { get; init; } = 1;

    public string ToJson() => JsonSerializer.Serialize(this);

    public static ControlSignal? FromJson(string json)
    {
        try
        {
            ControlSignal? signal = JsonSerializer.Deserialize<ControlSignal>(json);
            return signal is { Version: 1, Kind.Length: > 0 } ? signal : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
