namespace Honeydipper.Cli.Inspect;

/// <summary>The API refused a request; the message is what to tell the user.</summary>
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
