namespace Honeydipper.Kubernetes.Resources.WorkflowRuns;

/// <summary>The phases of a run, in status.phase and in its nodes.</summary>
public static class WorkflowRunPhases
{
    public const string Pending = "Pending";
    public const string Running = "Running";

    /// <summary>Suspended on a <c>wait</c> (a time, or a resume token).</summary>
    public const string Waiting = "Waiting";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Error = "Error";

    /// <summary>A step whose condition was false (nodes only).</summary>
    public const string Skipped = "Skipped";

    /// <summary>Stopped on request (spec.cancel, the API): its steps ended without their hooks.</summary>
    public const string Cancelled = "Cancelled";
}
