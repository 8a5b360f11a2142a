using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Config;

public enum ProblemSeverity
{
    Error,
    Warning,
}

/// <summary>
/// One thing wrong with a configuration: where (file, line), which object (<c>workflow notify</c>), which field
/// (<c>steps[2].call_function</c>) and the message (the original's wording where it has one).
/// </summary>
public sealed record ConfigProblem(ProblemSeverity Severity, SourceLocation? Location, string Message)
{
    /// <summary>The object at fault, e.g. <c>workflow notify</c>, <c>rule #3</c>, <c>context _default</c>.</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>The field path inside the object or file.</summary>
    public string FieldPath { get; init; } = string.Empty;

    public static ConfigProblem FromException(ConfigException ex, ProblemSeverity severity = ProblemSeverity.Error)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return new ConfigProblem(severity, ex.Location, ex.Reason.Length > 0 ? ex.Reason : ex.Message) { FieldPath = ex.FieldPath };
    }

    /// <summary><c>file:line: [warning: ]subject: path: message</c>, leaving out what is unknown.</summary>
    public override string ToString()
    {
        List<string> parts = [];
        if (Location is not null)
        {
            parts.Add(Location.Line > 0 ? $"{Location.File}:{Location.Line}" : Location.File);
        }

        if (Severity == ProblemSeverity.Warning)
        {
            parts.Add("warning");
        }

        if (Subject.Length > 0)
        {
            parts.Add(Subject);
        }

        if (FieldPath.Length > 0)
        {
            parts.Add(FieldPath);
        }

        parts.Add(Message);
        return string.Join(": ", parts);
    }
}
