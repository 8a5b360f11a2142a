using System.CommandLine;
using Honeydipper.Core.Config;
using Honeydipper.Core.Config.Loading;
using Honeydipper.Core.Scenarios;

namespace Honeydipper.Cli.Commands;

/// <summary><c>honeydipper test</c>: runs scenario files offline, with stubbed drivers and virtual time.</summary>
internal static class TestCommand
{
    public static Command Create(CliEnvironment env)
    {
        Argument<string[]> paths = new("paths") { Description = "Scenario files, or folders to search for them.", Arity = ArgumentArity.OneOrMore };
        Option<string> junit = new("--junit") { Description = "Also write the results as JUnit XML to this file." };
        Option<bool> verbose = new("--verbose", "-v") { Description = "Also list the calls each scenario made." };
        Command command = new("test", "Run workflow scenarios offline: unit tests for your automation.") { paths, junit, verbose };
        command.SetAction(parse =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            ScenarioReader reader = new(env.LoaderOptions());
            List<SuiteOutcome> outcomes = [];
            List<string> files = ScenarioFiles.Find(parse.GetValue(paths)!, out List<string> missing);
            foreach (string file in files)
            {
                outcomes.Add(RunFile(reader, file, output, parse.GetValue(verbose)));
            }

            foreach (string path in missing)
            {
                output.WriteLine($"ERROR {path}: no such file or folder");
            }

            int passed = outcomes.Sum(o => o.Results.Count(r => r.Passed));
            int failed = outcomes.Sum(o => o.Results.Count(r => !r.Passed) + (o.Error is null ? 0 : 1)) + missing.Count;
            if (outcomes.Count == 0 && missing.Count == 0)
            {
                output.WriteLine("no scenario files found (a scenario file is YAML with a top-level `scenarios:` list)");
                failed++;
            }

            if (parse.GetValue(junit) is { Length: > 0 } junitFile)
            {
                JUnitWriter.Write(junitFile, outcomes);
            }

            output.WriteLine($"{passed} passed, {failed} failed");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }

    private static SuiteOutcome RunFile(ScenarioReader reader, string file, TextWriter output, bool verbose)
    {
        ScenarioSuite suite;
        try
        {
            suite = reader.Read(file);
        }
        catch (ConfigException ex)
        {
            output.WriteLine($"ERROR {ex.Message}");
            return new SuiteOutcome(file, [], ex.Message);
        }

        List<ConfigProblem> errors = [.. suite.Config.Problems.Where(p => p.Severity == ProblemSeverity.Error)];
        if (errors.Count > 0)
        {
            string message = $"{suite.File}: the configuration does not load:\n    {string.Join("\n    ", errors)}";
            output.WriteLine($"ERROR {message}");
            return new SuiteOutcome(suite.File, [], message);
        }

        List<ScenarioResult> results = [];
        foreach (Scenario scenario in suite.Scenarios)
        {
            ScenarioResult result = ScenarioRunner.Run(scenario, suite.Config.Config);
            results.Add(result);
            output.WriteLine($"{(result.Passed ? "PASS" : "FAIL")} {suite.File}: {scenario.Name}");
            foreach (string failure in result.Failures)
            {
                output.WriteLine($"    {failure}");
            }

            if (verbose || !result.Passed)
            {
                int shown = verbose ? int.MaxValue : 20;
                foreach (RecordedCall call in result.Calls.Take(shown))
                {
                    output.WriteLine($"      call {call} params {DataSubset.Show(call.Params)} -> {call.Answer.Status}");
                }

                if (result.Calls.Count > shown)
                {
                    output.WriteLine($"      ... and {result.Calls.Count - shown} more calls (-v lists them all)");
                }
            }
        }

        return new SuiteOutcome(suite.File, results, null);
    }
}

/// <summary>What one scenario file gave: its results, or the error that kept it from running.</summary>
internal sealed record SuiteOutcome(string File, IReadOnlyList<ScenarioResult> Results, string? Error);
