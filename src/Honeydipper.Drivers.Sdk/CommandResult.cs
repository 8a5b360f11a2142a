namespace Honeydipper.Drivers.Sdk;

/// <summary>What a command handler answers: a status (success, failure, error), a reason when it is not success, and data.</summary>
public sealed record CommandResult(string Status, string Reason, object? Data)
{
    public static CommandResult Success(object? data = null) => new("success", string.Empty, data);

    /// <summary>The action ran and did not succeed (a job failed, a check said no).</summary>
    public static CommandResult Failure(string reason, object? data = null) => new("failure", reason, data);

    /// <summary>The action could not run (bad parameters, the target is down, HTTP ≥ 400).</summary>
    public static CommandResult Error(string reason, object? data = null) => new("error", reason, data);

    public bool IsSuccess => Status == "success";
}
