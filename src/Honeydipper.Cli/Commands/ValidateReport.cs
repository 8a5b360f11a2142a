using Honeydipper.Core.Config;
using Honeydipper.Core.Config.Loading;

namespace Honeydipper.Cli.Commands;

/// <summary>The JSON shape of <c>honeydipper validate --json</c>.</summary>
internal sealed record ValidateReport(bool Ok, ValidateCounts Counts, IReadOnlyList<ValidateRepo> Repos, IReadOnlyList<ValidateProblem> Problems)
{
    public static ValidateReport From(ConfigLoadResult result, IEnumerable<ConfigProblem> problems, bool ok) => new(
        ok,
        new ValidateCounts(result.Config.Systems.Count, result.Config.Workflows.Count, result.Config.Rules.Count, result.Config.Contexts.Count, result.Config.Drivers.Count),
        [.. result.Repos.Select(r => new ValidateRepo(r.Info.Repo, r.Info.Branch, r.Root, r.Files))],
        [.. problems.Select(p => new ValidateProblem(
            p.Severity == ProblemSeverity.Error ? "error" : "warning",
            p.Location?.File,
            p.Location?.Line,
            p.Location?.Column,
            p.Subject,
            p.FieldPath,
            p.Message))]);
}

internal sealed record ValidateCounts(int Systems, int Workflows, int Rules, int Contexts, int Drivers);

internal sealed record ValidateRepo(string Repo, string Branch, string Root, IReadOnlyList<string> Files);

internal sealed record ValidateProblem(string Severity, string? File, int? Line, int? Column, string Subject, string Path, string Message);
