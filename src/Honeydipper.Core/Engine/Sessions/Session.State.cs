using System.Globalization;
using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Config.Reading;
using Honeydipper.Core.Engine.State;

namespace Honeydipper.Core.Engine.Sessions;

internal sealed partial class Session
{
    // The workflow as saved, and the definition it was written from: a session's workflow does not change once it is
    // prepared, so it is written once rather than at every step boundary.
    private WorkflowDefinition? _savedWorkflowOf;
    private StateJson.Fragment? _savedWorkflow;

    /// <summary>Everything the session is, as data, for <see cref="StateJson.Serialize"/>: what gets saved at each step boundary.</summary>
    public Dictionary<string, object?> Capture() => new(32, StringComparer.Ordinal)
    {
        ["id"] = Id,
        ["parent"] = Parent,
        ["eventID"] = EventId,
        ["workflow"] = SavedWorkflow(),
        ["ctx"] = Ctx,
        ["event"] = Event,
        ["exported"] = Exported.Select(e => (object?)e).ToList(),
        ["loadedContexts"] = LoadedContexts.Select(c => (object?)c).ToList(),
        ["current"] = Current,
        ["iteration"] = Iteration,
        ["loopCount"] = LoopCount,
        ["iterationOut"] = MessageData(IterationOut),
        ["elseBranch"] = ElseBranch is null ? null : WorkflowWriter.Write(ElseBranch),
        ["inFlyFunction"] = InFlyFunction is null ? null : WorkflowWriter.WriteFunction(InFlyFunction),
        ["pendingCommandID"] = PendingCommandId,
        ["currentHook"] = CurrentHook,
        ["savedMsg"] = MessageData(SavedMsg),
        ["origMsg"] = MessageData(OrigMsg),
        ["performing"] = Performing,
        ["isHook"] = IsHook,
        ["startTime"] = StartTime.ToString("O", CultureInfo.InvariantCulture),
        ["rule"] = Rule,
        ["runID"] = RunId,
        ["nodeID"] = NodeId,
        ["parentNodeID"] = ParentNodeId,
        ["nodeType"] = NodeType,
        ["callCount"] = CallCount,
    };

    private StateJson.Fragment SavedWorkflow()
    {
        if (_savedWorkflow is null || !ReferenceEquals(_savedWorkflowOf, Workflow))
        {
            _savedWorkflow = new StateJson.Fragment(StateJson.Serialize(WorkflowWriter.Write(Workflow)));
            _savedWorkflowOf = Workflow;
        }

        return _savedWorkflow;
    }

    /// <summary>A session as <see cref="Capture"/> saved it.</summary>
    /// <exception cref="WorkflowException">The saved data is not a session.</exception>
    public static Session Restore(WorkflowEngine engine, IDictionary<string, object?> state)
    {
        ReadReport report = new();
        WorkflowDefinition workflow = WorkflowReader.Read(Get<IDictionary<string, object?>>(state, "workflow"), "workflow", report);
        Session session = new(engine, Text(state, "parent"), Text(state, "eventID"), workflow, Text(state, "nodeID"), DateTimeOffset.Parse(Text(state, "startTime"), CultureInfo.InvariantCulture))
        {
            Id = Text(state, "id"),
            Ctx = Map(state, "ctx"),
            Current = Int(state, "current"),
            Iteration = Int(state, "iteration"),
            LoopCount = Int(state, "loopCount"),
            IterationOut = Message(state, "iterationOut"),
            ElseBranch = Value(state, "elseBranch") is IDictionary<string, object?> e ? WorkflowReader.Read(e, "else", report) : null,
            InFlyFunction = Value(state, "inFlyFunction") is IDictionary<string, object?> f ? DefinitionReader.ReadFunction(f, "function", report) : null,
            PendingCommandId = Value(state, "pendingCommandID") as string,
            CurrentHook = Text(state, "currentHook"),
            SavedMsg = Message(state, "savedMsg"),
            OrigMsg = Message(state, "origMsg"),
            Rule = Text(state, "rule"),
            RunId = Text(state, "runID"),
            ParentNodeId = Text(state, "parentNodeID"),
            NodeType = Text(state, "nodeType"),
            CallCount = Int(state, "callCount"),
        };
        session.Event = Map(state, "event");
        session.Exported.AddRange(((IList<object?>)Get<IList<object?>>(state, "exported")).OfType<IDictionary<string, object?>>().Select(Values.DataTree.CopyMap));
        session.LoadedContexts = [.. Get<IList<object?>>(state, "loadedContexts").OfType<string>()];
        session.Performing = Text(state, "performing");
        session.IsHook = Value(state, "isHook") is true;
        return session;
    }

    private static Dictionary<string, object?>? MessageData(DipperMessage? msg) => msg is null ? null : new(StringComparer.Ordinal)
    {
        ["labels"] = msg.Labels.ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
        ["payload"] = msg.Payload,
    };

    private static DipperMessage? Message(IDictionary<string, object?> state, string key)
    {
        if (Value(state, key) is not IDictionary<string, object?> data)
        {
            return null;
        }

        Dictionary<string, string> labels = new(StringComparer.Ordinal);
        if (Value(data, "labels") is IDictionary<string, object?> l)
        {
            foreach ((string k, object? v) in l)
            {
                labels[k] = v as string ?? string.Empty;
            }
        }

        return new DipperMessage(labels, Value(data, "payload"));
    }

    private static object? Value(IDictionary<string, object?> map, string key) => map.TryGetValue(key, out object? value) ? value : null;

    private static T Get<T>(IDictionary<string, object?> state, string key) =>
        state.TryGetValue(key, out object? value) && value is T typed ? typed : throw new WorkflowException($"saved session has no {key}");

    private static string Text(IDictionary<string, object?> state, string key) => Value(state, key) as string ?? string.Empty;

    private static int Int(IDictionary<string, object?> state, string key) => Value(state, key) switch
    {
        int i => i,
        long l => (int)l,
        double d => (int)d,
        _ => 0,
    };

    private static Dictionary<string, object?> Map(IDictionary<string, object?> state, string key) =>
        Value(state, key) is IDictionary<string, object?> map ? Values.DataTree.CopyMap(map) : EngineData.Map();
}
