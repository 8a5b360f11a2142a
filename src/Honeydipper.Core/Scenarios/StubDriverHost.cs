using Honeydipper.Core.Engine;
using Honeydipper.Core.Engine.Runs;

namespace Honeydipper.Core.Scenarios;

/// <summary>
/// Stands in for every driver in an offline test: each command is recorded and answered from the stubs, keyed by
/// <c>system.function</c> (what the workflow called) or <c>driver.rawAction</c> (what reached the driver). A list of
/// answers is consumed in order and a single answer repeats; a call without an answer left answers success with no data.
/// </summary>
public sealed class StubDriverHost(IReadOnlyDictionary<string, StubSequence> stubs) : IEngineOutput
{
    private readonly Dictionary<string, int> _used = new(StringComparer.Ordinal);
    private readonly Queue<(DriverCommand Command, StubAnswer Answer)> _pending = new();
    private readonly Dictionary<string, RunRecord> _runs = new(StringComparer.Ordinal);

    public List<RecordedCall> Calls { get; } = [];

    public List<(string EventId, IDictionary<string, object?> Result)> Results { get; } = [];

    /// <summary>Every run seen, in the order they started, with their latest state.</summary>
    public IReadOnlyList<RunRecord> Runs => [.. _runs.Values];

    public bool HasPending => _pending.Count > 0;

    public void SendCommand(DriverCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        string function = command.Call.Contains('.', StringComparison.Ordinal) && command.Call != $"{command.Driver}.{command.Method}" ? command.Call : string.Empty;
        StubAnswer answer = Next(function) ?? Next($"{command.Driver}.{command.Method}") ?? StubAnswer.Success;
        Calls.Add(new RecordedCall(function, command.Driver, command.Method, command.Parameters, command.Context, answer));
        _pending.Enqueue((command, answer));
    }

    /// <summary>Delivers the earliest unanswered call's answer; false when none is waiting.</summary>
    public bool AnswerOne(WorkflowEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!_pending.TryDequeue(out (DriverCommand Command, StubAnswer Answer) item))
        {
            return false;
        }

        engine.HandleReturn(DriverReturn.For(item.Command, item.Answer.Status, item.Answer.Reason, item.Answer.Data));
        return true;
    }

    public void EmitResult(string eventId, IDictionary<string, object?> result) => Results.Add((eventId, result));

    public void RunChanged(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _runs[run.Id] = run.FinishedAt is null ? run : run.Snapshot();
    }

    private StubAnswer? Next(string key)
    {
        if (key.Length == 0 || !stubs.TryGetValue(key, out StubSequence? sequence) || sequence.Answers.Count == 0)
        {
            return null;
        }

        int used = _used.GetValueOrDefault(key);
        _used[key] = used + 1;
        if (sequence.Repeat)
        {
            return sequence.Answers[0];
        }

        return used < sequence.Answers.Count ? sequence.Answers[used] : StubAnswer.Success;
    }
}
