using Honeydipper.Core.Engine.Runs;

namespace Honeydipper.Core.Engine;

/// <summary>Where the engine's effects go: commands to drivers, results of dynamic sessions, run records.</summary>
public interface IEngineOutput
{
    /// <summary>Sends a raw action to a driver; its return comes back through <see cref="WorkflowEngine.HandleReturn"/>.</summary>
    void SendCommand(DriverCommand command);

    /// <summary>The result of a session started with an <c>_output</c> context (the original's <c>EmitResult</c>).</summary>
    void EmitResult(string eventId, IDictionary<string, object?> result);

    /// <summary>A top-level run started, moved on or finished.</summary>
    void RunChanged(RunRecord run);

    /// <summary>
    /// A command sent earlier that no session waits for any more (its run was cancelled): the driver serving it may
    /// stop. Its return, if one still comes, is dropped as stale. Outputs that cannot reach drivers ignore it.
    /// </summary>
    void AbandonCommand(string commandId)
    {
    }
}
