using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Scenarios;

/// <summary>One offline test of a workflow: how it starts, what the stubbed drivers answer and what must happen.</summary>
public sealed record Scenario
{
    public required string Name { get; init; }

    /// <summary>Start the named workflow.</summary>
    public string Workflow { get; init; } = string.Empty;

    /// <summary>Or start an inline workflow.</summary>
    public WorkflowDefinition? Do { get; init; }

    /// <summary>Or deliver a raw driver event.</summary>
    public ScenarioEvent? Event { get; init; }

    /// <summary>The initial context of a workflow or inline start.</summary>
    public IDictionary<string, object?>? Ctx { get; init; }

    public IReadOnlyDictionary<string, StubSequence> Stubs { get; init; } = new Dictionary<string, StubSequence>();

    public ScenarioExpectation Expect { get; init; } = new();

    public SourceLocation? Location { get; init; }
}

/// <summary>A raw event: the driver, its raw event name (empty for the webhook) and the event data.</summary>
public sealed record ScenarioEvent(string Driver, string RawEvent, object? Data);

/// <summary>What must have happened; anything left out is not checked.</summary>
public sealed record ScenarioExpectation
{
    /// <summary>Calls in order; each entry is a subset of the call (<c>function</c>, <c>driver</c>, <c>rawAction</c>, <c>params</c>, <c>ctx</c>).</summary>
    public IReadOnlyList<IDictionary<string, object?>>? Calls { get; init; }

    /// <summary>Calls in any order (threads, parallel iteration).</summary>
    public IReadOnlyList<IDictionary<string, object?>>? CallsAnyOrder { get; init; }

    public string? Status { get; init; }

    public string? Reason { get; init; }

    /// <summary>A subset of what the top-level run exported.</summary>
    public IDictionary<string, object?>? Exported { get; init; }

    /// <summary>How many sessions (runs) started.</summary>
    public int? Runs { get; init; }
}
