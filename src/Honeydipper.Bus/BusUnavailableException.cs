namespace Honeydipper.Bus;

/// <summary>The bus cannot be reached right now (Redis down or restarting); the caller retries with backoff or tells its client to.</summary>
public sealed class BusUnavailableException : Exception
{
    public BusUnavailableException()
    {
    }

    public BusUnavailableException(string message)
        : base(message)
    {
    }

    public BusUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
