using Honeydipper.Core.Config.Loading;

namespace Honeydipper.Cli;

/// <summary>What the commands take from the process: environment variables and the wiring of core services.</summary>
public sealed class CliEnvironment(IReadOnlyDictionary<string, string> variables)
{
    public static CliEnvironment FromProcess() => new(ConfigLoaderOptions.ProcessEnvironment());

    public IReadOnlyDictionary<string, string> Variables { get; } = variables;

    /// <summary>Loader options for this process: its environment (HD_* and REPO_OVERRIDE*).</summary>
    public ConfigLoaderOptions LoaderOptions() => new() { Environment = Variables };
}
