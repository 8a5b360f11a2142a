using Honeydipper.Core.Engine;
using Honeydipper.Core.Engine.Runs;

namespace Honeydipper.Core.Tests.Engine;

/// <summary>An engine output that keeps everything: commands to answer by hand, results, run snapshots.</summary>
internal sealed class RecordingOutput : IEngineOutput
{
    public List<DriverCommand> Commands { get; } = [];

    public List<(string EventId, IDictionary<string, object?> Result)> Results { get; } = [];

    public Dictionary<string, RunRecord> Runs { get; } = new(StringComparer.Ordinal);

    public List<RunRecord> Updates { get; } = [];

    public List<string> Abandoned { get; } = [];

    public void SendCommand(DriverCommand command) => Commands.Add(command);

    public void AbandonCommand(string commandId) => Abandoned.Add(commandId);

    public void EmitResult(string eventId, IDictionary<string, object?> result) => Results.Add((eventId, result));

    public void RunChanged(RunRecord run)
    {
        RunRecord snapshot = run.Snapshot();
        Runs[run.Id] = snapshot;
        Updates.Add(snapshot);
    }
}
