using Honeydipper.Cli;

namespace Honeydipper.Cli.Tests;

/// <summary>Runs the real command tree in-process, capturing what it writes.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        await RunAsync(new Dictionary<string, string>(), args);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> env, params string[] args)
    {
        using StringWriter output = new();
        using StringWriter error = new();
        int code = await CliApp.RunAsync(args, output, error, new CliEnvironment(env), CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Starts a command that runs until cancelled (a watch, a wait); its output can be read while it runs.</summary>
    public static (Task<int> Exit, LiveWriter Output, CancellationTokenSource Stop) Start(params string[] args)
    {
        LiveWriter output = new();
        CancellationTokenSource stop = new();
        Task<int> exit = Task.Run(() => CliApp.RunAsync(args, output, output, new CliEnvironment(new Dictionary<string, string>()), stop.Token));
        return (exit, output, stop);
    }
}
