using System.CommandLine;

namespace Honeydipper.Cli;

/// <summary>The <c>honeydipper</c> command tree; the composition root of every role.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        RootCommand root = BuildRoot(stdout, stderr);
        ParseResult parsed = root.Parse(args);
        InvocationConfiguration config = new() { Output = stdout, Error = stderr };
        return await parsed.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
    }

    internal static RootCommand BuildRoot(TextWriter stdout, TextWriter stderr)
    {
        RootCommand root = new("Honeydipper: event-driven orchestration for SRE and DevOps, as a Kubernetes operator.");
        _ = stdout;
        _ = stderr;
        root.Subcommands.Add(Commands.CrdsCommand.Create(stdout));
        return root;
    }
}
