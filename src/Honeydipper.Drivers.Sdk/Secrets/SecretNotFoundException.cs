namespace Honeydipper.Drivers.Sdk.Secrets;

/// <summary>A referenced secret key could not be read. The message names the secret and key, never a value.</summary>
public sealed class SecretNotFoundException : Exception
{
    public SecretNotFoundException()
    {
    }

    public SecretNotFoundException(string message)
        : base(message)
    {
    }

    public SecretNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
