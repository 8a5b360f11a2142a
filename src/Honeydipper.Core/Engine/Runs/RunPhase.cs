namespace Honeydipper.Core.Engine.Runs;

/// <summary>Where a run or one of its nodes is (WorkflowRun's phase).</summary>
public enum RunPhase
{
    Pending,
    Running,
    Waiting,
    Succeeded,
    Failed,
    Error,
    Skipped,

    /// <summary>Stopped on request (the API, a WorkflowRun's spec.cancel): its sessions ended without their hooks.</summary>
    Cancelled,
}

public static class RunPhases
{
    /// <summary>The phase a finished session's status maps to: success, failure, anything else is error.</summary>
    public static RunPhase FromStatus(string status) => status switch
    {
        Statuses.Success => RunPhase.Succeeded,
        Statuses.Failure => RunPhase.Failed,
        _ => RunPhase.Error,
    };

    public static bool IsFinished(this RunPhase phase) => phase is RunPhase.Succeeded or RunPhase.Failed or RunPhase.Error or RunPhase.Skipped or RunPhase.Cancelled;
}
