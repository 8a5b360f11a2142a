using Honeydipper.Core.Engine;
using Honeydipper.Core.Engine.Runs;

namespace Honeydipper.Hosting;

/// <summary>What the engine produced during one turn: held until the turn is saved, then sent and announced.</summary>
internal sealed class TurnOutput : IEngineOutput
{
    public List<DriverCommand> Commands { get; } = [];

    public List<(string EventId, IDictionary<string, object?> Result)> Results { get; } = [];

    /// <summary>The latest state of each run that moved, in the order they first moved.</summary>
    public Dictionary<string, RunRecord> Runs { get; } = new(StringComparer.Ordinal);

    public void SendCommand(DriverCommand command) => Commands.Add(command);

    public void EmitResult(string eventId, IDictionary<string, object?> result) => Results.Add((eventId, result));

    public void RunChanged(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Runs[run.Id] = run.Snapshot();
    }

    public void Clear()
    {
        Commands.Clear();
        Results.Clear();
        Runs.Clear();
    }
}
