using Honeydipper.Core.Config;
using Honeydipper.Core.Config.Loading;

namespace Honeydipper.Core.Tests.Config;

internal static class ConfigTestExtensions
{
    public static List<ConfigProblem> Errors(this ConfigLoadResult result) =>
        [.. result.Problems.Where(p => p.Severity == ProblemSeverity.Error)];

    public static List<ConfigProblem> Warnings(this ConfigLoadResult result) =>
        [.. result.Problems.Where(p => p.Severity == ProblemSeverity.Warning)];

    public static Dictionary<string, object?> AsMap(this object? value) => Assert.IsType<Dictionary<string, object?>>(value);

    public static List<object?> AsList(this object? value) => Assert.IsType<List<object?>>(value);
}
