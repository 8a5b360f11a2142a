using Honeydipper.Core.Yaml;

namespace Honeydipper.Core.Config.Validation;

/// <summary>Adds problems about one object (its subject and location) to a list.</summary>
internal sealed class Reporter(List<ConfigProblem> problems, string subject, SourceLocation? location)
{
    public void Error(string path, string message, SourceLocation? at = null) =>
        problems.Add(new ConfigProblem(ProblemSeverity.Error, at ?? location, message) { Subject = subject, FieldPath = path });

    public Reporter At(SourceLocation? at) => new(problems, subject, at ?? location);
}
