using Honeydipper.Core.Config.Model;

namespace Honeydipper.Core.Engine.Sessions;

/// <summary>
/// One running workflow instance (semantics §2.2), ported from the original's Session. Its state is plain data —
/// ids, counters, data trees, the interpolated workflow — and sessions refer to each other by id through the engine,
/// so that a session can be stored and resumed. Not thread-safe: only the engine's loop touches it.
/// </summary>
internal sealed partial class Session
{
    private readonly WorkflowEngine _engine;

    public Session(WorkflowEngine engine, string parent, string eventId, WorkflowDefinition workflow, string nodeId)
        : this(engine, parent, eventId, workflow, nodeId, engine.Now)
    {
        SetPerforming(string.Empty);
    }

    private Session(WorkflowEngine engine, string parent, string eventId, WorkflowDefinition workflow, string nodeId, DateTimeOffset startTime)
    {
        _engine = engine;
        Parent = parent;
        EventId = eventId;
        Workflow = workflow;
        NodeId = nodeId;
        StartTime = startTime;
    }

    /// <summary>Empty until the session is saved (when it starts executing), and again after it completes.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>
    /// The resume token the session last waited on; the engine's token table says whether it still waits on it, so
    /// saving a session looks its token up instead of searching the table.
    /// </summary>
    public string? WaitToken { get; set; }

    public string EventId { get; }

    /// <summary>The id of the parent session; empty for a top-level (or detached) session.</summary>
    public string Parent { get; set; }

    /// <summary>The workflow, interpolated at prepare.</summary>
    public WorkflowDefinition Workflow { get; private set; }

    public Dictionary<string, object?> Ctx { get; set; } = EngineData.Map();

    public IDictionary<string, object?> Event { get; private set; } = EngineData.EmptyMap;

    public List<Dictionary<string, object?>> Exported { get; } = [];

    public List<string> LoadedContexts { get; private set; } = [];

    /// <summary>The current step, or the number of threads that returned.</summary>
    public int Current { get; set; }

    /// <summary>The current item, or the number of parallel items that returned.</summary>
    public int Iteration { get; set; }

    public int LoopCount { get; set; }

    /// <summary>The first message other than success from a parallel item, surfaced at completion.</summary>
    public DipperMessage? IterationOut { get; set; }

    public WorkflowDefinition? ElseBranch { get; set; }

    /// <summary>The function whose call is in flight (for its exports when it returns).</summary>
    public FunctionDefinition? InFlyFunction { get; set; }

    /// <summary>The id of the command in flight; a return naming another id is stale.</summary>
    public string? PendingCommandId { get; set; }

    public string CurrentHook { get; set; } = string.Empty;

    public DipperMessage? SavedMsg { get; set; }

    public DipperMessage? OrigMsg { get; set; }

    public string Performing { get; private set; } = string.Empty;

    public bool IsHook { get; private set; }

    public DateTimeOffset StartTime { get; }

    public DateTimeOffset? CompletionTime { get; private set; }

    /// <summary>The rule that started this session, for run records; empty otherwise.</summary>
    public string Rule { get; init; } = string.Empty;

    /// <summary>The id of the run (the top-level session) this session belongs to.</summary>
    public string RunId { get; set; } = string.Empty;

    /// <summary>This session's node in the run record.</summary>
    public string NodeId { get; set; }

    /// <summary>The node of the session that created this one; empty for a run's root.</summary>
    public string ParentNodeId { get; set; } = string.Empty;

    /// <summary>What kind of node: workflow, step, thread, item, branch, hook.</summary>
    public string NodeType { get; set; } = "workflow";

    /// <summary>How many driver calls this session made (call node ids).</summary>
    public int CallCount { get; set; }

    public bool IsTopLevel => Parent.Length == 0;

    private bool IsLoop =>
        Workflow.While is { Count: > 0 } || Workflow.Until is { Count: > 0 } || Workflow.WhileAny is { Count: > 0 } ||
        Workflow.UntilAll is { Count: > 0 } || Workflow.WhileMatch is not null || Workflow.UntilMatch is not null;

    private bool IsIteration => Workflow.Iterate is not null || Workflow.IterateParallel is not null;

    private bool IsFunction => Workflow.Function.Driver.Length > 0 || Workflow.Function.Target.System.Length > 0;

    private IList<object?> IterationList => (Workflow.Iterate ?? Workflow.IterateParallel) as IList<object?> ?? [];

    /// <summary>What the session does, for the <c>performing</c> label (the original's setPerforming).</summary>
    public string SetPerforming(string performing)
    {
        WorkflowDefinition wf = Workflow;
        Performing = performing.Length > 0 ? performing
            : wf.Description.Length > 0 ? wf.Description
            : wf.Function.Target.System.Length > 0 ? $"{wf.Function.Target.System}.{wf.Function.Target.Function}"
            : wf.Function.Driver.Length > 0 ? $"driver:{wf.Function.Driver}.{wf.Function.RawAction}"
            : wf.CallFunction.Length > 0 ? wf.CallFunction
            : wf.CallDriver.Length > 0 ? wf.CallDriver
            : wf.CallWorkflow.Length > 0 ? "calling " + wf.CallWorkflow
            : IsIteration ? "iterating"
            : IsLoop ? "looping"
            : wf.Steps.Count > 0 ? "steps"
            : wf.Threads.Count > 0 ? "threads"
            : wf.Name;
        return Performing;
    }

    /// <summary>The data templates see: <c>ctx</c>, <c>data</c> (the message payload), <c>labels</c>, <c>event</c>.</summary>
    public Dictionary<string, object?> BuildEnvData(DipperMessage msg) => new(StringComparer.Ordinal)
    {
        ["data"] = msg.Payload ?? EngineData.Map(),
        ["labels"] = new LabelsView(msg.Labels),
        ["event"] = Event,
        ["ctx"] = Ctx,
    };

    /// <summary>Gives the session an id and, for a top-level session, a run.</summary>
    public void Save()
    {
        if (Id.Length == 0)
        {
            _engine.Register(this);
        }
    }
}
