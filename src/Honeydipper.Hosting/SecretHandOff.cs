using Honeydipper.Drivers.Sdk.Secrets;

namespace Honeydipper.Hosting;

/// <summary>
/// Takes a secret literal that would otherwise be written into the drivers' options on the bus: the publisher puts
/// <paramref name="reference"/> there instead and hands the value to whoever can give it to the drivers another way
/// (local mode writes it into the private folder its driver processes read with <c>--secrets-dir</c>).
/// </summary>
public delegate void SecretHandOff(SecretKeyRef reference, string value);
