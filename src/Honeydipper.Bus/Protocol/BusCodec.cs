using System.Text.Json;
using Honeydipper.Core.Values;

namespace Honeydipper.Bus.Protocol;

/// <summary>
/// A message as stream-entry fields: <c>v</c>, <c>kind</c>, <c>id</c>, each header as its own field, <c>labels</c>
/// (a JSON object of strings) and <c>payload</c> (JSON; numbers read back as doubles, as Go's encoding/json does).
/// </summary>
public static class BusCodec
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "v", "kind", "id", "labels", "payload" };

    public static List<KeyValuePair<string, string>> Encode(BusMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        List<KeyValuePair<string, string>> fields = new(message.Headers.Count + 5)
        {
            new("v", message.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("kind", message.Kind),
            new("id", message.Id),
        };
        foreach ((string name, string value) in message.Headers)
        {
            if (Reserved.Contains(name))
            {
                throw new ProtocolException($"header {name} would hide a protocol field");
            }

            fields.Add(new(name, value));
        }

        fields.Add(new("labels", JsonSerializer.Serialize(message.Labels)));
        fields.Add(new("payload", GoJson.Serialize(message.Payload, escapeHtml: false)));
        return fields;
    }

    /// <exception cref="ProtocolException">The fields do not make a version-1 message.</exception>
    public static BusMessage Decode(IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Dictionary<string, string> headers = new(StringComparer.Ordinal);
        string? version = null, kind = null, id = null, labels = null, payload = null;
        foreach ((string name, string value) in fields)
        {
            switch (name)
            {
                case "v": version = value; break;
                case "kind": kind = value; break;
                case "id": id = value; break;
                case "labels": labels = value; break;
                case "payload": payload = value; break;
                default: headers[name] = value; break;
            }
        }

        if (version != "1")
        {
            throw new ProtocolException($"protocol version {version ?? "(missing)"} is not supported; this engine speaks version 1");
        }

        if (string.IsNullOrEmpty(kind) || string.IsNullOrEmpty(id))
        {
            throw new ProtocolException("a message needs kind and id");
        }

        try
        {
            return new BusMessage
            {
                Kind = kind,
                Id = id,
                Headers = headers,
                Labels = string.IsNullOrEmpty(labels) ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(labels) ?? [],
                Payload = string.IsNullOrEmpty(payload) ? null : GoJson.Deserialize(payload),
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw new ProtocolException($"message {id}: labels or payload are not valid JSON: {ex.Message}", ex);
        }
    }
}
