namespace Honeydipper.Core.Values;

/// <summary>Honeydipper's two notions of "true" (semantics §4 end and §2.7).</summary>
public static class Truthiness
{
    /// <summary>
    /// Flags (<c>force</c>, <c>watchConfig</c>, <c>CheckMapData</c>): only bool true, or a string that reads "true" once
    /// trimmed and lower-cased. Everything else — "yes", 1, maps — is false.
    /// </summary>
    public static bool IsTruthy(object? value) => value switch
    {
        bool flag => flag,
        string text => text.AsSpan().Trim().Equals("true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>
    /// Workflow conditions (<c>if</c>, <c>while</c>, ...) test interpolated strings: false only for "", "false", "nil",
    /// "0", "{}", "[]" and "&lt;no value&gt;" (trimmed, any case); "no", "off" and "map[]" are true.
    /// </summary>
    public static bool IsConditionTrue(string? value)
    {
        if (value is null)
        {
            return false;
        }

        ReadOnlySpan<char> c = value.AsSpan().Trim();
        return c.Length != 0
            && !c.Equals("false", StringComparison.OrdinalIgnoreCase)
            && !c.Equals("nil", StringComparison.OrdinalIgnoreCase)
            && !c.SequenceEqual("0")
            && !c.SequenceEqual("{}")
            && !c.SequenceEqual("[]")
            && !c.Equals("<no value>", StringComparison.OrdinalIgnoreCase);
    }
}
