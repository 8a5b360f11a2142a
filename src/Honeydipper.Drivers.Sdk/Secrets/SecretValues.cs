namespace Honeydipper.Drivers.Sdk.Secrets;

/// <summary>Reads option values that may be secrets: a literal string, or a <see cref="SecretKeyRef"/>.</summary>
public static class SecretValues
{
    /// <summary>The value of <paramref name="value"/>: a string as it is, a reference resolved through <paramref name="source"/>.</summary>
    /// <param name="field">Where the value sits in the options, for the error (<c>sysData.signatureSecret[1]</c>).</param>
    /// <exception cref="SecretNotFoundException">The value is a reference that cannot be resolved, or neither a string nor a reference.</exception>
    public static string Resolve(object? value, ISecretSource source, string field)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (value is string literal)
        {
            return literal;
        }

        SecretKeyRef? reference;
        try
        {
            reference = SecretKeyRef.From(value);
        }
        catch (FormatException ex)
        {
            throw new SecretNotFoundException($"{field}: {ex.Message}", ex);
        }

        return reference is null
            ? throw new SecretNotFoundException($"{field}: expected a string or {{\"secretKeyRef\": {{\"name\": ..., \"key\": ...}}}}")
            : source.Resolve(reference);
    }

    /// <summary>A value that is one secret or a list of them (as the webhook's <c>signatureSecret</c>), as a list.</summary>
    public static IReadOnlyList<object?> OneOrMany(object? value) => value switch
    {
        null => [],
        IList<object?> list => [.. list],
        _ => [value],
    };
}
