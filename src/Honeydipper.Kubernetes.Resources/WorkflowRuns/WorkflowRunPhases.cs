namespace Honeydipper.Kubernetes.Resources.WorkflowRuns;

/// <summary>The phases of a run, in status.phase and in its nodes.</summary>
public static class WorkflowRunPhases
{
    public const string Pending = "Pending";
    public const string Running = "Running";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Error = "Error";
}
