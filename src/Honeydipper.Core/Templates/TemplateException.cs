namespace Honeydipper.Core.Templates;

/// <summary>
/// A template that cannot be parsed or executed. The message follows Go's text/template
/// (<c>template: NAME:LINE:COL: executing "NAME" at &lt;NODE&gt;: REASON</c>); the parts are also available separately.
/// Columns count UTF-8 bytes from 0, as Go's do.
/// </summary>
public sealed class TemplateException : Exception
{
    public TemplateException()
    {
    }

    public TemplateException(string message)
        : base(message)
    {
        Reason = message;
    }

    public TemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    internal TemplateException(string message, string templateName, int line, int column, string reason, string? near)
        : base(message)
    {
        TemplateName = templateName;
        Line = line;
        Column = column;
        Reason = reason;
        Near = near;
    }

    public string? TemplateName { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The error without the location prefix.</summary>
    public string? Reason { get; }

    /// <summary>The text at the fault (parse errors) or the failing node (execution errors).</summary>
    public string? Near { get; }
}
