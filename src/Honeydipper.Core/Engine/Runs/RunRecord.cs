namespace Honeydipper.Core.Engine.Runs;

/// <summary>
/// What one top-level session did: the summary a WorkflowRun's status shows. Owned and changed by the engine on its
/// own thread; take a <see cref="Snapshot"/> to keep it or hand it to another thread.
/// </summary>
public sealed class RunRecord
{
    private readonly List<RunNode> _nodes;
    private Dictionary<string, RunNode>? _byId; // built on first lookup: a snapshot is rarely looked into

    public RunRecord()
    {
        _nodes = [];
    }

    private RunRecord(int capacity)
    {
        _nodes = new List<RunNode>(capacity);
    }

    /// <summary>The id of the run (the top-level session's id when it started).</summary>
    public required string Id { get; init; }

    /// <summary>The workflow's name, or what the anonymous workflow performs.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The rule that started it, when an event did.</summary>
    public string Rule { get; init; } = string.Empty;

    public string EventId { get; init; } = string.Empty;

    /// <summary>The event that started it (<c>github.push</c>, <c>driver:webhook.</c>), when one did.</summary>
    public string EventName { get; set; } = string.Empty;

    public RunPhase Phase { get; set; } = RunPhase.Running;

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string Status { get; set; } = string.Empty;

    public string Reason { get; set; } = string.Empty;

    /// <summary>What it was doing when it ended (or is doing now).</summary>
    public string Performing { get; set; } = string.Empty;

    /// <summary>Every value the run exported, merged in order.</summary>
    public Dictionary<string, object?> Exported { get; set; } = new(StringComparer.Ordinal);

    public IReadOnlyList<RunNode> Nodes => _nodes;

    public RunNode? Node(string id) => Index().GetValueOrDefault(id);

    public void Add(RunNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (Index().TryAdd(node.Id, node))
        {
            _nodes.Add(node);
        }
        else
        {
            // The same route taken again (a loop round re-entering a step) reuses its node.
            RunNode existing = _byId![node.Id];
            existing.Phase = node.Phase;
            existing.FinishedAt = null;
            existing.Message = node.Message;
        }
    }

    /// <summary>A deep copy that the engine will not change.</summary>
    public RunRecord Snapshot()
    {
        RunRecord copy = new(_nodes.Count)
        {
            Id = Id,
            Name = Name,
            Rule = Rule,
            EventId = EventId,
            EventName = EventName,
            Phase = Phase,
            StartedAt = StartedAt,
            FinishedAt = FinishedAt,
            Status = Status,
            Reason = Reason,
            Performing = Performing,
            Exported = (Dictionary<string, object?>)Values.DataTree.CopyMap(Exported),
        };
        foreach (RunNode node in _nodes)
        {
            copy._nodes.Add(node.Copy()); // ids are unique already
        }

        return copy;
    }

    private Dictionary<string, RunNode> Index()
    {
        Dictionary<string, RunNode>? index = Volatile.Read(ref _byId);
        if (index is null)
        {
            // Built whole before it is published: readers of a snapshot on other threads never see it half filled.
            index = new Dictionary<string, RunNode>(Math.Max(_nodes.Count, 8), StringComparer.Ordinal);
            foreach (RunNode node in _nodes)
            {
                index.Add(node.Id, node);
            }

            Volatile.Write(ref _byId, index);
        }

        return index;
    }
}
