namespace Honeydipper.Drivers.Sdk.Secrets;

/// <summary>
/// A secret value named instead of written out: <c>{"secretKeyRef": {"name": "&lt;secret&gt;", "key": "&lt;key&gt;"}}</c> in
/// driver options, the shape of a Kubernetes <c>secretKeyRef</c>. Secret values never travel through the bus; only
/// references do, and the driver resolves them from the Secret mounted into its pod (<see cref="ISecretSource"/>).
/// </summary>
public sealed record SecretKeyRef(string Name, string Key)
{
    public const string Field = "secretKeyRef";

    public override string ToString() => $"secret \"{Name}\" key \"{Key}\"";

    /// <summary>The reference as option data.</summary>
    public Dictionary<string, object?> ToData() => new(StringComparer.Ordinal)
    {
        [Field] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = Name, ["key"] = Key },
    };

    /// <summary>Reads a reference from option data; null when the value is not one (a literal, or nothing).</summary>
    /// <exception cref="FormatException">The value has a <c>secretKeyRef</c> without a non-empty name and key.</exception>
    public static SecretKeyRef? From(object? value)
    {
        if (value is not IDictionary<string, object?> map || !map.TryGetValue(Field, out object? inner))
        {
            return null;
        }

        if (inner is IDictionary<string, object?> reference &&
            reference.TryGetValue("name", out object? name) && name is string { Length: > 0 } n &&
            reference.TryGetValue("key", out object? key) && key is string { Length: > 0 } k)
        {
            return new SecretKeyRef(n, k);
        }

        throw new FormatException("secretKeyRef needs a name and a key: {\"secretKeyRef\": {\"name\": \"<secret>\", \"key\": \"<key>\"}}");
    }
}
