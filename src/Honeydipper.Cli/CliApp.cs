using System.CommandLine;
using Honeydipper.Cli.Commands;

namespace Honeydipper.Cli;

/// <summary>The <c>honeydipper</c> command tree; the composition root of every role.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken) =>
        await RunAsync(args, stdout, stderr, CliEnvironment.FromProcess(), cancellationToken).ConfigureAwait(false);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CliEnvironment env, CancellationToken cancellationToken)
    {
        RootCommand root = BuildRoot(env);
        ParseResult parsed = root.Parse(args);
        InvocationConfiguration config = new() { Output = stdout, Error = stderr };
        return await parsed.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
    }

    internal static RootCommand BuildRoot(CliEnvironment env)
    {
        RootCommand root = new("Honeydipper: event-driven orchestration for SRE and DevOps, as a Kubernetes operator.")
        {
            ValidateCommand.Create(env),
            TestCommand.Create(env),
            LocalCommand.Create(env),
            DriverProcessCommand.Create(env),
            CrdsCommand.Create(),
            OperatorCommand.Create(env),
            RunsCommand.CreateRuns(env),
            RunsCommand.CreateRun(env),
        };
        return root;
    }
}
