using Honeydipper.Core.Engine;
using Honeydipper.Core.Engine.Runs;

namespace Honeydipper.Hosting;

/// <summary>What the engine produced during one turn: held until the turn is saved, then sent and announced.</summary>
internal sealed class TurnOutput : IEngineOutput
{
    // The runs that moved, in the order they first moved; the engine's own records, copied once when the turn ends
    // (a run moves several times in a turn, and only its state at the end is announced).
    private readonly Dictionary<string, RunRecord> _runs = new(StringComparer.Ordinal);

    public List<DriverCommand> Commands { get; } = [];

    public List<(string EventId, IDictionary<string, object?> Result)> Results { get; } = [];

    /// <summary>Commands no session waits for any more: their drivers are told to stop once the turn is saved.</summary>
    public List<string> Abandoned { get; } = [];

    public void SendCommand(DriverCommand command) => Commands.Add(command);

    public void AbandonCommand(string commandId) => Abandoned.Add(commandId);

    public void EmitResult(string eventId, IDictionary<string, object?> result) => Results.Add((eventId, result));

    public void RunChanged(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _runs[run.Id] = run;
    }

    /// <summary>The latest state of each run that moved this turn, as snapshots (safe to keep and to hand to another thread).</summary>
    public IReadOnlyCollection<RunRecord> TakeRuns()
    {
        if (_runs.Count == 0)
        {
            return [];
        }

        RunRecord[] moved = [.. _runs.Values.Select(r => r.Snapshot())];
        _runs.Clear();
        return moved;
    }

    public void Clear()
    {
        Commands.Clear();
        Results.Clear();
        Abandoned.Clear();
        _runs.Clear();
    }
}
