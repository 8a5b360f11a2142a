namespace Honeydipper.Core.Config.Validation;

/// <summary>The original configcheck's tests for values that are only known at run time.</summary>
internal static class Interpolation
{
    /// <summary>A value with interpolation in it is not checked for existence: <c>$ctx.x</c>, <c>a {{ .b }}</c>, <c>:yaml:</c>.</summary>
    public static bool Has(string value)
    {
        string s = value.Trim();
        return (s.Length > 0 && (s[0] == '$' || s.Contains("{{", StringComparison.Ordinal))) || s.StartsWith(":yaml:", StringComparison.Ordinal);
    }

    /// <summary>A value that is written out (not wholly an interpolation) counts as set when fields are compared.</summary>
    public static bool HasLiteral(string value)
    {
        string s = value.Trim();
        return s.Length > 0 && s[0] != '$' && !(s.StartsWith("{{", StringComparison.Ordinal) && s.EndsWith("}}", StringComparison.Ordinal))
            && !s.StartsWith(":yaml:", StringComparison.Ordinal);
    }
}
