using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Config.Model;

/// <summary>
/// A trigger of a system, or a rule's <c>when</c>: either a raw driver event (<see cref="Driver"/> and
/// <see cref="RawEvent"/>) or an extension of another system's trigger (<see cref="Source"/>).
/// Free-form values are Honeydipper data trees (see <see cref="Values.DataTree"/>); treat them as read-only.
/// </summary>
public sealed record TriggerDefinition
{
    public static readonly TriggerDefinition Empty = new();

    public string Driver { get; init; } = string.Empty;

    public string RawEvent { get; init; } = string.Empty;

    /// <summary><c>if_match</c>: criteria the event data must match.</summary>
    public IDictionary<string, object?>? Match { get; init; }

    /// <summary>Options handed to the event driver (for example the webhook's <c>response_payload</c>).</summary>
    public IDictionary<string, object?>? Parameters { get; init; }

    public EventSource Source { get; init; } = EventSource.None;

    /// <summary>Context values exported from the event into the session.</summary>
    public IDictionary<string, object?>? Export { get; init; }

    public string Description { get; init; } = string.Empty;

    public object? Meta { get; init; }

    /// <summary>Where the trigger was written, for messages; not part of its meaning.</summary>
    public SourceLocation? Location { get; init; }
}
