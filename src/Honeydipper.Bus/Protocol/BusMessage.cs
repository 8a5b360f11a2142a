namespace Honeydipper.Bus.Protocol;

/// <summary>
/// One message on the bus (protocol version 1, docs/bus-protocol.md): a kind, a unique id, kind-specific headers
/// (flat strings such as <c>driver</c>, <c>method</c>, <c>commandID</c>, <c>status</c>), string labels and a payload
/// (a data tree, JSON on the wire).
/// </summary>
public sealed record BusMessage
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    /// <summary><c>event</c>, <c>command</c> or <c>return</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Unique per message; receivers use it to recognise a redelivery.</summary>
    public required string Id { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = Empty;

    public IReadOnlyDictionary<string, string> Labels { get; init; } = Empty;

    public object? Payload { get; init; }

    public string Header(string name) => Headers.TryGetValue(name, out string? value) ? value : string.Empty;

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>(StringComparer.Ordinal);
}
