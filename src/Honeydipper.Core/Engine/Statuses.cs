namespace Honeydipper.Core.Engine;

/// <summary>The statuses a session or a driver call ends with.</summary>
public static class Statuses
{
    public const string Label = "status";
    public const string Success = "success";
    public const string Failure = "failure";
    public const string Error = "error";
}
