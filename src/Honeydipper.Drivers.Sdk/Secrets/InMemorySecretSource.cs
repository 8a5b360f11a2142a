using System.Collections.Concurrent;

namespace Honeydipper.Drivers.Sdk.Secrets;

/// <summary>Secrets held in memory: for tests and for drivers hosted in a process that already has the values.</summary>
public sealed class InMemorySecretSource : ISecretSource
{
    private readonly ConcurrentDictionary<(string Name, string Key), string> _values = new();

    /// <summary>A source with no secrets at all: every reference is an error that names it.</summary>
    public static readonly InMemorySecretSource Empty = new();

    public InMemorySecretSource Set(string name, string key, string value)
    {
        _values[(name, key)] = value;
        return this;
    }

    public string Resolve(SecretKeyRef reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return _values.TryGetValue((reference.Name, reference.Key), out string? value)
            ? value
            : throw new SecretNotFoundException($"{reference} not found (no such secret is known to this process)");
    }
}
