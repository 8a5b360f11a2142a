using System.CommandLine;
using System.Text.Json;
using Honeydipper.Core.Config;
using Honeydipper.Core.Config.Loading;
using Honeydipper.Core.Config.Validation;
using Honeydipper.Core.Engine.Rules;
using Honeydipper.Core.Interpolation;

namespace Honeydipper.Cli.Commands;

/// <summary><c>honeydipper validate</c>: Honeydipper's configcheck, for a repository folder or a folder of our manifests.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliEnvironment env)
    {
        Argument<string> folder = new("folder") { Description = "A Honeydipper configuration repository, or a folder of honeydipper.io manifests.", DefaultValueFactory = _ => "." };
        Option<string> initFile = new("--init-file") { Description = "The first file to load (default init.yaml), relative to the folder." };
        Option<bool> json = new("--json") { Description = "Write the result as JSON for tools." };
        Option<bool> remote = new("--remote") { Description = "Also load the repositories listed in `repos` (the original's CHECK_REMOTE)." };
        Option<bool> noWarnings = new("--no-warnings") { Description = "Report errors only." };
        Command command = new("validate", "Check a configuration the way Honeydipper's configcheck does; exit 1 when anything is wrong.")
        {
            folder, initFile, json, remote, noWarnings,
        };
        command.SetAction(parse =>
        {
            bool checkRemote = parse.GetValue(remote) || (env.Variables.TryGetValue("CHECK_REMOTE", out string? flag) && flag.Length > 0);
            ConfigLoaderOptions options = env.LoaderOptions() with { SkipRemoteRepos = !checkRemote };
            ConfigLoadResult result = ConfigFolder.Load(parse.GetValue(folder)!, parse.GetValue(initFile) ?? string.Empty, options);
            List<ConfigProblem> problems = [.. result.Problems];
            if (result.Repos.Count > 0)
            {
                problems.AddRange(ConfigValidator.Validate(result.Config));

                // Collapsing every rule's trigger (as the engine does) finds the rules that could never fire.
                problems.AddRange(RuleIndex.Build(result.Config, new Interpolator()).Problems);
            }

            if (parse.GetValue(noWarnings))
            {
                problems.RemoveAll(p => p.Severity == ProblemSeverity.Warning);
            }

            problems = [.. problems.OrderBy(p => p.Location is null ? 1 : 0).ThenBy(p => p.Location?.File, StringComparer.Ordinal).ThenBy(p => p.Location?.Line ?? 0)];
            TextWriter output = parse.InvocationConfiguration.Output;
            bool ok = problems.All(p => p.Severity != ProblemSeverity.Error);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(ValidateReport.From(result, problems, ok), CliJson.Options));
            }
            else
            {
                WriteText(output, result, problems, ok);
            }

            return ok ? 0 : 1;
        });
        return command;
    }

    private static void WriteText(TextWriter output, ConfigLoadResult result, List<ConfigProblem> problems, bool ok)
    {
        foreach (ConfigProblem problem in problems)
        {
            output.WriteLine(problem.ToString());
        }

        int errors = problems.Count(p => p.Severity == ProblemSeverity.Error);
        int warnings = problems.Count - errors;
        int files = result.Repos.Sum(r => r.Files.Count);
        output.WriteLine(
            $"{(ok ? "ok" : "FAILED")}: {Plural(result.Repos.Count, "repo")}, {Plural(files, "file")}: " +
            $"{Plural(result.Config.Systems.Count, "system")}, {Plural(result.Config.Workflows.Count, "workflow")}, " +
            $"{Plural(result.Config.Rules.Count, "rule")}, {Plural(result.Config.Contexts.Count, "context")}, " +
            $"{Plural(result.Config.Drivers.Count, "driver")}; {Plural(errors, "error")}, {Plural(warnings, "warning")}");
    }

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";
}
