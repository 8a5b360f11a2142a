using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Config;

/// <summary>Configuration that cannot be used as written: names where (file and line), what (the field path) and why.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException()
    {
    }

    public ConfigException(string message)
        : base(message)
    {
        Reason = message;
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    public ConfigException(SourceLocation? location, string fieldPath, string reason, Exception? innerException = null)
        : base(Compose(location, fieldPath, reason), innerException)
    {
        Location = location;
        FieldPath = fieldPath;
        Reason = reason;
    }

    public SourceLocation? Location { get; }

    /// <summary>The path of the faulty field, e.g. <c>workflows.notify.steps[2].if</c>; empty when it is the whole file.</summary>
    public string FieldPath { get; } = string.Empty;

    /// <summary>The message without location or path.</summary>
    public string Reason { get; } = string.Empty;

    private static string Compose(SourceLocation? location, string fieldPath, string reason)
    {
        string where = location is null ? string.Empty : location + ": ";
        return fieldPath.Length == 0 ? where + reason : $"{where}{fieldPath}: {reason}";
    }
}
