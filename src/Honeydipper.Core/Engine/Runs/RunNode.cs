namespace Honeydipper.Core.Engine.Runs;

/// <summary>
/// One step of a run: a session (a workflow, a step, a thread, an item, a branch, a hook) or a driver call it made.
/// <see cref="Id"/> is a path that is the same every time the same workflow takes the same route
/// (<c>r.s1.t0</c>: thread 0 of step 1 of the run), so that tools can follow a node across updates.
/// </summary>
public sealed class RunNode
{
    public required string Id { get; init; }

    /// <summary>The id of the node that started this one; empty for the run's root.</summary>
    public string Parent { get; init; } = string.Empty;

    /// <summary>The workflow's name, or what it performs (<c>github.createStatus</c>, <c>steps</c>, <c>calling notify</c>).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary><c>workflow</c>, <c>step</c>, <c>thread</c>, <c>item</c>, <c>branch</c>, <c>hook</c> or <c>call</c>.</summary>
    public string Type { get; init; } = "workflow";

    public RunPhase Phase { get; set; } = RunPhase.Running;

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The reason of a status other than success, or what a call targets.</summary>
    public string Message { get; set; } = string.Empty;

    public RunNode Copy() => (RunNode)MemberwiseClone();
}
