namespace Honeydipper.Core.Yaml;

/// <summary>YAML that cannot be read; carries the position of the fault when the parser knows it.</summary>
public sealed class YamlLoadException : Exception
{
    public YamlLoadException()
    {
    }

    public YamlLoadException(string message)
        : base(message)
    {
    }

    public YamlLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public YamlLoadException(SourceLocation location, string message, Exception? innerException = null)
        : base($"{location}: {message}", innerException)
    {
        Location = location;
        Reason = message;
    }

    public SourceLocation? Location { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Reason { get => field ?? Message; private init; }
}
