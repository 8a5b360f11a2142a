namespace Honeydipper.Core.Engine;

/// <summary>
/// A message inside the engine: string labels (<c>status</c>, <c>reason</c>, <c>performing</c>, <c>sessionID</c>,
/// <c>eventID</c>...) and a payload (a data tree). Labels are changed in place where the original changes them.
/// </summary>
public sealed class DipperMessage
{
    public DipperMessage()
        : this(new Dictionary<string, string>(StringComparer.Ordinal), null)
    {
    }

    public DipperMessage(Dictionary<string, string> labels, object? payload)
    {
        Labels = labels ?? throw new ArgumentNullException(nameof(labels));
        Payload = payload;
    }

    public Dictionary<string, string> Labels { get; }

    public object? Payload { get; }

    /// <summary>The <c>status</c> label, or empty.</summary>
    public string Status => Labels.TryGetValue(Statuses.Label, out string? s) ? s : string.Empty;

    public string Reason => Labels.TryGetValue("reason", out string? r) ? r : string.Empty;

    /// <summary>A message that says "success" and nothing else.</summary>
    public static DipperMessage Success() => new(new Dictionary<string, string>(StringComparer.Ordinal) { [Statuses.Label] = Statuses.Success }, null);

    public static DipperMessage WithStatus(string status, string reason) => new(
        new Dictionary<string, string>(StringComparer.Ordinal) { [Statuses.Label] = status, ["reason"] = reason },
        new Dictionary<string, object?>(StringComparer.Ordinal));

    public DipperMessage CopyLabels() => new(new Dictionary<string, string>(Labels, StringComparer.Ordinal), Payload);
}
