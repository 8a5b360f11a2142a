using System.CommandLine;

namespace Honeydipper.Cli.Inspect;

/// <summary>
/// The options every inspection command shares: where runs come from and how they are printed. The mode is chosen
/// once, the same way for every command:
/// <list type="number">
/// <item><c>--api</c> is the HTTP API; <c>--kubeconfig</c>, <c>--context</c> or <c>--cluster</c> is the cluster (not both);</item>
/// <item>with neither, <c>$HD_API</c> set means the API, else <c>$KUBECONFIG</c> set means the cluster;</item>
/// <item>else the API of <c>honeydipper local</c> at http://127.0.0.1:9000.</item>
/// </list>
/// </summary>
internal sealed class RunSourceOptions(CliEnvironment env)
{
    public const string ModeHelp = "Runs come from the HTTP API with --api (or $HD_API), from the cluster's WorkflowRuns through kubeconfig with --kubeconfig, --context or --cluster (or $KUBECONFIG when $HD_API is not set); with none of these, from honeydipper local at http://127.0.0.1:9000.";

    private readonly Option<string?> _api = new("--api") { Description = "The HTTP API's address (honeydipper local or the operator); default $HD_API, else http://127.0.0.1:9000 when no cluster option is given." };
    private readonly Option<string?> _token = new("--token") { Description = "A bearer token for --api; default $HD_API_TOKEN (none for local mode on loopback). In cluster mode the kubeconfig's user is used." };
    private readonly Option<bool> _cluster = new("--cluster") { Description = "Read and create the cluster's WorkflowRun objects through kubeconfig ($KUBECONFIG, else ~/.kube/config) instead of the HTTP API." };
    private readonly Option<string?> _kubeconfig = new("--kubeconfig") { Description = "The kubeconfig file for cluster mode (implies --cluster); default: the files of $KUBECONFIG merged, else ~/.kube/config." };
    private readonly Option<string?> _context = new("--context") { Description = "The kubeconfig context for cluster mode (implies --cluster); default: the current context." };
    private readonly Option<string?> _ns = new("--namespace", "-n") { Description = "The namespace. API: default $HD_NAMESPACE, else local. Cluster: default the kubeconfig context's namespace, else default." };
    private readonly Option<string> _output = new("--output", "-o") { Description = "table, json or yaml.", DefaultValueFactory = _ => "table" };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        _output.AcceptOnlyFromAmong("table", "json", "yaml");
        command.Options.Add(_api);
        command.Options.Add(_token);
        command.Options.Add(_cluster);
        command.Options.Add(_kubeconfig);
        command.Options.Add(_context);
        command.Options.Add(_ns);
        command.Options.Add(_output);
    }

    /// <summary>
    /// Runs the command against the chosen source. Exit codes: what the action returns; 1 when the API or the
    /// cluster refused or could not be reached; 2 for a command line that cannot work. Each failure is one line.
    /// </summary>
    public async Task<int> RunAsync(ParseResult parse, Func<IRunSource, RunPrinter, Task<int>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(action);
        TextWriter output = parse.InvocationConfiguration.Output;
        bool colour = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && env.Variables.GetValueOrDefault("NO_COLOR") is null;
        try
        {
            using IRunSource source = await OpenAsync(parse, cancellationToken).ConfigureAwait(false);
            return await action(source, new RunPrinter(output, parse.GetValue(_output)!, colour, source.IdWidth)).ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            output.WriteLine(ex.Message);
            return 2;
        }
        catch (ApiCallException ex)
        {
            output.WriteLine(ex.Message);
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0; // Ctrl-C ends a watch or a wait
        }
    }

    private async Task<IRunSource> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        string? api = parse.GetValue(_api);
        string? kubeconfig = parse.GetValue(_kubeconfig);
        string? context = parse.GetValue(_context);
        bool clusterAsked = parse.GetValue(_cluster) || kubeconfig is not null || context is not null;
        if (api is not null && clusterAsked)
        {
            throw new UsageException("--api reads runs from the HTTP API, --cluster/--kubeconfig/--context from the cluster's WorkflowRuns: give one or the other");
        }

        bool cluster = clusterAsked
            || (api is null && string.IsNullOrEmpty(env.Variables.GetValueOrDefault("HD_API")) && !string.IsNullOrEmpty(env.Variables.GetValueOrDefault("KUBECONFIG")));
        if (cluster)
        {
            if (parse.GetValue(_token) is not null)
            {
                throw new UsageException("--token is for --api: in cluster mode the kubeconfig context's user is used (pick another with --context)");
            }

            ClusterTarget target = await ClusterTarget.LoadAsync(kubeconfig, context, parse.GetValue(_ns), env.Variables, cancellationToken).ConfigureAwait(false);
            return new ClusterRunSource(target);
        }

        string address = api ?? (env.Variables.GetValueOrDefault("HD_API") is { Length: > 0 } fromEnv ? fromEnv : "http://127.0.0.1:9000");
        if (!Uri.TryCreate(address, UriKind.Absolute, out Uri? uri))
        {
            throw new UsageException($"--api {address} is not a URL: write it as http://host:port");
        }

        string ns = parse.GetValue(_ns) ?? env.Variables.GetValueOrDefault("HD_NAMESPACE") ?? "local";
        return new ApiRunSource(uri, parse.GetValue(_token) ?? env.Variables.GetValueOrDefault("HD_API_TOKEN"), ns);
    }
}
