using Honeydipper.Core.Values;
using Honeydipper.Core.Yaml;
using Honeydipper.Drivers.Sdk;

namespace Honeydipper.Drivers.Tests.Support;

/// <summary>Driver options written as YAML, as the engine would publish them.</summary>
internal static class Options
{
    public static DriverOptions Of(string data = "{}", string dynamicData = "{}") =>
        new(Map(data), Map(dynamicData));

    public static IDictionary<string, object?> Map(string yaml) =>
        GoJson.Deserialize(GoJson.Serialize(GoYaml.Parse(yaml))) as IDictionary<string, object?> ?? new Dictionary<string, object?>();
}
