using System.Text.Json.Nodes;

namespace Honeydipper.KubeApi.Emulator.Storage;

/// <summary>One committed change, as watches see it. The objects are shared between watchers: never mutate them.</summary>
internal sealed record StoredEvent(long ResourceVersion, string GroupResource, string Type, JsonObject Object, JsonObject? Previous)
{
    public const string Added = "ADDED";
    public const string Modified = "MODIFIED";
    public const string Deleted = "DELETED";
}
