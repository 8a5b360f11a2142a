using System.CommandLine;
using Honeydipper.Cli.Inspect;

namespace Honeydipper.Cli.Commands;

/// <summary>
/// <c>honeydipper runs [--watch]</c>, <c>honeydipper run get &lt;id&gt;</c> and <c>honeydipper run start &lt;workflow&gt;
/// --with k=v</c>: runs through the API of <c>honeydipper local</c> or of the operator.
/// </summary>
internal static class RunsCommand
{
    public static Command CreateRuns(CliEnvironment env)
    {
        Connection c = new(env);
        Option<bool> watch = new("--watch", "-w") { Description = "Keep printing runs as they change (Ctrl-C to stop)." };
        Option<string?> phase = new("--phase") { Description = "Only runs in this phase (Running, Waiting, Succeeded, Failed, Error, Skipped)." };
        Option<string?> workflow = new("--workflow") { Description = "Only runs of this workflow." };
        Option<int> limit = new("--limit") { Description = "At most this many runs, newest first.", DefaultValueFactory = _ => 50 };
        Command command = new("runs", "List workflow runs, newest first, from the API (honeydipper local or the operator).") { watch, phase, workflow, limit };
        c.AddTo(command);
        command.SetAction((parse, ct) => c.RunAsync(parse, async (api, printer) =>
        {
            string query = $"?limit={parse.GetValue(limit)}" + (parse.GetValue(phase) is { } p ? "&phase=" + Uri.EscapeDataString(p) : string.Empty)
                + (parse.GetValue(workflow) is { } w ? "&workflow=" + Uri.EscapeDataString(w) : string.Empty);
            if (!parse.GetValue(watch))
            {
                IDictionary<string, object?> list = await api.GetAsync(api.RunsPath + query, ct).ConfigureAwait(false);
                printer.Table(Items(list));
                return 0;
            }

            printer.Table([]);
            await foreach (IDictionary<string, object?> run in api.WatchAsync(ct).ConfigureAwait(false))
            {
                printer.Row(run);
            }

            return 0;
        }));
        return command;
    }

    public static Command CreateRun(CliEnvironment env)
    {
        Connection c = new(env);
        Argument<string> id = new("id") { Description = "The run's id (honeydipper runs lists them)." };
        Command get = new("get", "Show a run: its phase, timings, step tree, exported data and errors.") { id };
        c.AddTo(get);
        get.SetAction((parse, ct) => c.RunAsync(parse, async (api, printer) =>
        {
            printer.Run(await api.GetAsync($"{api.RunsPath}/{Uri.EscapeDataString(parse.GetValue(id)!)}", ct).ConfigureAwait(false));
            return 0;
        }));

        Argument<string> workflow = new("workflow") { Description = "The workflow to run." };
        Option<string[]> with = new("--with") { Description = "A context value for the run, key=value (repeat for more).", AllowMultipleArgumentsPerToken = false };
        Command start = new("start", "Start a workflow now and print the run.") { workflow, with };
        c.AddTo(start);
        start.SetAction((parse, ct) => c.RunAsync(parse, async (api, printer) =>
        {
            Dictionary<string, object?> ctx = new(StringComparer.Ordinal);
            foreach (string pair in parse.GetValue(with) ?? [])
            {
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new ApiCallException($"--with {pair}: write it as key=value");
                }

                ctx[pair[..eq]] = pair[(eq + 1)..];
            }

            IDictionary<string, object?> run = await api.PostAsync(api.RunsPath, new Dictionary<string, object?> { ["workflow"] = parse.GetValue(workflow), ["with"] = ctx }, ct).ConfigureAwait(false);
            printer.Run(run);
            return 0;
        }));
        return new Command("run", "Inspect or start one workflow run through the API.") { get, start };
    }

    private static List<IDictionary<string, object?>> Items(IDictionary<string, object?> list) =>
        list.TryGetValue("items", out object? items) && items is IList<object?> l ? [.. l.OfType<IDictionary<string, object?>>()] : [];

    /// <summary>Where the API is and how to talk to it: shared by every inspection command.</summary>
    private sealed class Connection(CliEnvironment env)
    {
        private readonly Option<string?> _api = new("--api") { Description = "The API's address; default $HD_API, else http://127.0.0.1:9000 (honeydipper local)." };
        private readonly Option<string?> _token = new("--token") { Description = "A bearer token; default $HD_API_TOKEN (none for local mode on loopback)." };
        private readonly Option<string?> _ns = new("--namespace", "-n") { Description = "The namespace; default $HD_NAMESPACE, else local." };
        private readonly Option<string> _output = new("--output", "-o") { Description = "table, json or yaml.", DefaultValueFactory = _ => "table" };

        public void AddTo(Command command)
        {
            _output.AcceptOnlyFromAmong("table", "json", "yaml");
            command.Options.Add(_api);
            command.Options.Add(_token);
            command.Options.Add(_ns);
            command.Options.Add(_output);
        }

        public async Task<int> RunAsync(ParseResult parse, Func<ApiClient, RunPrinter, Task<int>> action)
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            string address = parse.GetValue(_api) ?? env.Variables.GetValueOrDefault("HD_API") ?? "http://127.0.0.1:9000";
            if (!Uri.TryCreate(address, UriKind.Absolute, out Uri? uri))
            {
                output.WriteLine($"--api {address} is not a URL: write it as http://host:port");
                return 2;
            }

            string ns = parse.GetValue(_ns) ?? env.Variables.GetValueOrDefault("HD_NAMESPACE") ?? "local";
            using ApiClient api = new(uri, parse.GetValue(_token) ?? env.Variables.GetValueOrDefault("HD_API_TOKEN"), ns);
            bool colour = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && env.Variables.GetValueOrDefault("NO_COLOR") is null;
            try
            {
                return await action(api, new RunPrinter(output, parse.GetValue(_output)!, colour)).ConfigureAwait(false);
            }
            catch (ApiCallException ex)
            {
                output.WriteLine(ex.Message);
                return 1;
            }
            catch (HttpRequestException ex)
            {
                output.WriteLine($"no API at {uri}: {ex.Message} (is honeydipper local running? pass --api)");
                return 1;
            }
            catch (OperationCanceledException)
            {
                return 0; // Ctrl-C ends a watch
            }
        }
    }
}
