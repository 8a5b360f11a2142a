namespace Honeydipper.Core.Yaml;

/// <summary>Where a value was written: a file (relative to its repository when known), a 1-based line and column.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
