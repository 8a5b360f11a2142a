using Honeydipper.Core.Config;
using Honeydipper.Core.Config.Loading;
using Honeydipper.Core.Engine.Rules;
using Honeydipper.Core.Interpolation;

namespace Honeydipper.Reliability.Tests.Fuzzing;

/// <summary>
/// 10,000 fuzzed configuration files through the real loader (read, merge, validate) and the rule compiler: none may
/// crash or hang, and every error names where it is and says what is wrong, in words rather than a .NET exception's.
/// </summary>
public sealed class ConfigFuzzTests : IDisposable
{
    private const int Cases = 10_000;
    private const int Seed = 20261125;
    private static readonly string[] LeakedExceptionWords =
    [
        "Object reference not set", "Index was outside", "Specified argument was out of the range", "Unable to cast object",
        "Sequence contains", "The given key", "Exception of type", "   at ", "System.",
    ];

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hd-fuzz-config-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public async Task Ten_thousand_fuzzed_configuration_files_load_or_fail_with_a_located_readable_error()
    {
        List<string> seeds = [.. Directory.GetFiles(Path.Combine(RepoPaths.RepoRoot, "examples", "quickstart"), "*.yaml").Select(File.ReadAllText)];
        seeds.AddRange(Directory.GetFiles(RepoPaths.Essentials, "*.yaml").Select(File.ReadAllText));
        Fuzzer fuzzer = new(Seed);
        string init = Path.Combine(_dir.FullName, "init.yaml");
        int loaded = 0, refused = 0;

        // The whole batch runs on the thread pool under a deadline: a hang fails the test instead of stalling the suite.
        await Task.Run(() =>
        {
            for (int i = 0; i < Cases; i++)
            {
                string text = fuzzer.Next(seeds);
                File.WriteAllText(init, text);
                ConfigLoadResult result;
                try
                {
                    result = ConfigLoader.LoadFolder(_dir.FullName);
                    if (!result.HasErrors)
                    {
                        _ = RuleIndex.Build(result.Config, new Interpolator());
                    }
                }
                catch (Exception ex)
                {
                    Assert.Fail($"case {i} (seed {Seed}) crashed the loader: {ex}\n--- init.yaml ---\n{text}");
                    throw;
                }

                if (!result.HasErrors)
                {
                    loaded++;
                    continue;
                }

                refused++;
                foreach (ConfigProblem problem in result.Problems.Where(p => p.Severity == ProblemSeverity.Error))
                {
                    string line = problem.ToString();
                    Assert.True(problem.Location is not null && problem.Location.File.Length > 0,
                        $"case {i} (seed {Seed}): an error without a file: {line}\n--- init.yaml ---\n{text}");
                    Assert.False(string.IsNullOrWhiteSpace(problem.Message), $"case {i}: an empty error message\n{text}");
                    string? leaked = LeakedExceptionWords.FirstOrDefault(w => problem.Message.Contains(w, StringComparison.Ordinal));
                    Assert.True(leaked is null, $"case {i} (seed {Seed}): an exception's text instead of an error: {line}\n--- init.yaml ---\n{text}");
                }
            }
        }).WaitAsync(TimeSpan.FromMinutes(2));

        // The generator reaches both sides: some survive mutation, most do not.
        Assert.True(loaded > Cases / 50, $"only {loaded} cases loaded");
        Assert.True(refused > Cases / 10, $"only {refused} cases were refused");
    }
}
