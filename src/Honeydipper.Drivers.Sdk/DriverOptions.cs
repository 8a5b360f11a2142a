using Honeydipper.Core.Values;

namespace Honeydipper.Drivers.Sdk;

/// <summary>
/// A driver's configuration as the engine publishes it (the original's <c>command:options</c>): <c>data</c> (the
/// driver's section of the configuration) and <c>dynamicData</c> (what the engine works out, such as the collapsed
/// triggers an event driver must recognise). Stored as JSON under the driver's config key.
/// </summary>
public sealed record DriverOptions(IDictionary<string, object?> Data, IDictionary<string, object?> DynamicData)
{
    public static readonly DriverOptions Empty = new(new Dictionary<string, object?>(), new Dictionary<string, object?>());

    public string ToJson() => GoJson.Serialize(new Dictionary<string, object?> { ["data"] = Data, ["dynamicData"] = DynamicData }, escapeHtml: false);

    public static DriverOptions FromJson(string json)
    {
        IDictionary<string, object?> root = GoJson.Deserialize(json) as IDictionary<string, object?> ?? new Dictionary<string, object?>();
        return new DriverOptions(
            root.TryGetValue("data", out object? data) && data is IDictionary<string, object?> d ? d : new Dictionary<string, object?>(),
            root.TryGetValue("dynamicData", out object? dynamic) && dynamic is IDictionary<string, object?> dd ? dd : new Dictionary<string, object?>());
    }
}
