namespace Honeydipper.Bus.Redis;

/// <summary>How to reach Redis and how patiently to poll it.</summary>
public sealed record RedisBusOptions
{
    /// <summary>A StackExchange.Redis configuration string: <c>host:port,password=...,ssl=true</c>.</summary>
    public required string Configuration { get; init; }

    /// <summary>
    /// A password given apart from <see cref="Configuration"/> (from <c>HD_REDIS_PASSWORD</c>, which a pod takes from a
    /// Secret), so that it never appears on a command line or in a Deployment's spec; it wins over one in the string.
    /// </summary>
    public string? Password { get; init; }

    /// <summary>
    /// StackExchange.Redis cannot block on XREADGROUP, so an idle reader polls: it waits 1 ms after an empty read,
    /// doubling up to this, and reads again at once while messages keep coming.
    /// </summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
