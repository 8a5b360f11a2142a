using Honeydipper.Core.Config.Model;

namespace Honeydipper.Core.Config.Loading;

/// <summary>What a load produced: the usable configuration (everything that loaded), every problem, and what was read.</summary>
public sealed record ConfigLoadResult(HoneydipperConfig Config, IReadOnlyList<ConfigProblem> Problems, IReadOnlyList<LoadedRepo> Repos)
{
    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);
}

/// <summary>A repository that was read: where its files are and which files loaded, in load order.</summary>
public sealed record LoadedRepo(RepoInfo Info, string Root, IReadOnlyList<string> Files);
