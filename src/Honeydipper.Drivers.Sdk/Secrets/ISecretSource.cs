namespace Honeydipper.Drivers.Sdk.Secrets;

/// <summary>Where a driver finds the secret values its options name by <see cref="SecretKeyRef"/>.</summary>
public interface ISecretSource
{
    /// <summary>The current value of the secret's key.</summary>
    /// <exception cref="SecretNotFoundException">There is no such secret or key; the message names both and where it looked.</exception>
    string Resolve(SecretKeyRef reference);
}
