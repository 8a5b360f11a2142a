namespace Honeydipper.Cli.Inspect;

/// <summary>
/// The API or the cluster refused a request or could not be reached (exit code 1); the message is what to tell the
/// user, in one line.
/// </summary>
internal sealed class ApiCallException(string message) : Exception(message)
{
    public ApiCallException()
        : this("the API refused the request")
    {
    }

    public ApiCallException(string message, Exception inner)
        : this(message + ": " + inner?.Message)
    {
    }
}
