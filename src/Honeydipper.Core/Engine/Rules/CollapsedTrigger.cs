using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Matching;

namespace Honeydipper.Core.Engine.Rules;

/// <summary>
/// A rule's trigger followed down its <c>source</c> chain to a raw driver event (semantics §1.5): the merged criteria
/// (compiled), the export layers, the merged system data and driver parameters.
/// </summary>
public sealed record CollapsedTrigger
{
    /// <summary>The raw trigger at the end of the chain.</summary>
    public required TriggerDefinition Raw { get; init; }

    /// <summary><c>driver.rawevent</c>, the key drivers publish events under (<c>webhook.</c>).</summary>
    public string Key => $"{Raw.Driver}.{Raw.RawEvent}";

    /// <summary>The merged criteria, as data (what the webhook driver receives).</summary>
    public required IDictionary<string, object?> Match { get; init; }

    public required Criteria Matcher { get; init; }

    /// <summary>Export layers, innermost first.</summary>
    public required IReadOnlyList<IDictionary<string, object?>?> Exports { get; init; }

    public required IDictionary<string, object?> SysData { get; init; }

    public required IDictionary<string, object?> Parameters { get; init; }

    /// <summary>The system of the rule's own <c>source</c>; empty for a raw driver trigger.</summary>
    public string SysName { get; init; } = string.Empty;

    /// <summary><c>system.trigger</c>, or <c>driver:&lt;key&gt;</c> for raw events: the session's <c>_meta_event</c>.</summary>
    public required string EventName { get; init; }
}
