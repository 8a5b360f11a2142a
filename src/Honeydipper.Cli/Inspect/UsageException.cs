namespace Honeydipper.Cli.Inspect;

/// <summary>The command line asks for something that cannot be done as written (exit code 2); the message says how to write it.</summary>
internal sealed class UsageException(string message) : Exception(message)
{
    public UsageException()
        : this("the command line is not valid")
    {
    }

    public UsageException(string message, Exception inner)
        : this(message + ": " + inner?.Message)
    {
    }
}
