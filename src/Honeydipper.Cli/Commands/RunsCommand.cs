using System.CommandLine;
using Honeydipper.Cli.Inspect;

namespace Honeydipper.Cli.Commands;

/// <summary>
/// <c>honeydipper runs [--watch]</c>, <c>honeydipper run get &lt;id&gt;</c> and <c>honeydipper run start &lt;workflow&gt;
/// --with k=v</c>: runs through the API of <c>honeydipper local</c> or of the operator, or as the cluster's
/// WorkflowRun objects through kubeconfig (<see cref="RunSourceOptions"/> picks which).
/// </summary>
internal static class RunsCommand
{
    public static Command CreateRuns(CliEnvironment env)
    {
        RunSourceOptions source = new(env);
        Option<bool> watch = new("--watch", "-w") { Description = "Keep printing runs as they change (Ctrl-C to stop); in cluster mode a Kubernetes watch." };
        Option<string?> phase = new("--phase") { Description = "Only runs in this phase (Pending, Running, Waiting, Succeeded, Failed, Error, Skipped)." };
        Option<string?> workflow = new("--workflow") { Description = "Only runs of this workflow." };
        Option<int> limit = new("--limit") { Description = "At most this many runs, newest first.", DefaultValueFactory = _ => 50 };
        Command command = new("runs", "List workflow runs, newest first. " + RunSourceOptions.ModeHelp) { watch, phase, workflow, limit };
        source.AddTo(command);
        command.SetAction((parse, ct) => source.RunAsync(parse, async (runs, printer) =>
        {
            RunFilter filter = RunFilter.Create(parse.GetValue(phase), parse.GetValue(workflow), parse.GetValue(limit));
            if (!parse.GetValue(watch))
            {
                printer.Table(await runs.ListAsync(filter, ct).ConfigureAwait(false));
                return 0;
            }

            printer.Table([]);
            await foreach (IDictionary<string, object?> run in runs.WatchAsync(filter, ct).ConfigureAwait(false))
            {
                printer.Row(run);
            }

            return 0;
        }, ct));
        return command;
    }

    public static Command CreateRun(CliEnvironment env)
    {
        RunSourceOptions getSource = new(env);
        Argument<string> id = new("id") { Description = "The run's id: the API's run id, or the WorkflowRun's name in cluster mode (honeydipper runs lists them)." };
        Command get = new("get", "Show a run: its phase, timings, step tree, exported data and errors. " + RunSourceOptions.ModeHelp) { id };
        getSource.AddTo(get);
        get.SetAction((parse, ct) => getSource.RunAsync(parse, async (runs, printer) =>
        {
            printer.Run(await runs.GetAsync(parse.GetValue(id)!, ct).ConfigureAwait(false));
            return 0;
        }, ct));

        RunSourceOptions startSource = new(env);
        Argument<string> workflow = new("workflow") { Description = "The workflow to run." };
        Option<string[]> with = new("--with") { Description = "A context value for the run, key=value (repeat for more).", AllowMultipleArgumentsPerToken = false };
        Option<bool> wait = new("--wait") { Description = "Wait until the run has finished, then print it; exit 1 when it Failed, ended in Error or was Cancelled." };
        Command start = new("start", "Start a workflow now and print the run; in cluster mode this creates a WorkflowRun (generateName <workflow>-) for the operator to run. " + RunSourceOptions.ModeHelp) { workflow, with, wait };
        startSource.AddTo(start);
        start.SetAction((parse, ct) => startSource.RunAsync(parse, async (runs, printer) =>
        {
            Dictionary<string, object?> ctx = new(StringComparer.Ordinal);
            foreach (string pair in parse.GetValue(with) ?? [])
            {
                int eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new UsageException($"--with {pair}: write it as key=value");
                }

                ctx[pair[..eq]] = pair[(eq + 1)..];
            }

            IDictionary<string, object?> run = await runs.StartAsync(parse.GetValue(workflow)!, ctx, ct).ConfigureAwait(false);
            if (parse.GetValue(wait))
            {
                run = await runs.WaitAsync(run.TryGetValue("id", out object? runId) ? Convert.ToString(runId, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty : string.Empty, ct).ConfigureAwait(false);
                printer.Run(run);
                return run.TryGetValue("phase", out object? phase) && phase is "Failed" or "Error" or "Cancelled" ? 1 : 0;
            }

            printer.Run(run);
            return 0;
        }, ct));
        RunSourceOptions cancelSource = new(env);
        Argument<string> cancelId = new("id") { Description = "The run to cancel: the API's run id, or the WorkflowRun's name in cluster mode." };
        Option<string?> reason = new("--reason") { Description = "Why, recorded in the run's reason (and, through the API, in its audit record; in cluster mode as the honeydipper.io/cancel-reason annotation)." };
        Option<bool> cancelWait = new("--wait") { Description = "Wait until the run shows as Cancelled (in cluster mode the operator records it), then print it." };
        Command cancel = new("cancel", "Cancel a running or waiting run: its steps stop without their hooks and its phase becomes Cancelled; in cluster mode this sets the WorkflowRun's spec.cancel. " + RunSourceOptions.ModeHelp) { cancelId, reason, cancelWait };
        cancelSource.AddTo(cancel);
        cancel.SetAction((parse, ct) => cancelSource.RunAsync(parse, async (runs, printer) =>
        {
            string runId = parse.GetValue(cancelId)!;
            IDictionary<string, object?> run = await runs.CancelAsync(runId, parse.GetValue(reason), ct).ConfigureAwait(false);
            if (parse.GetValue(cancelWait))
            {
                run = await runs.WaitAsync(runId, ct).ConfigureAwait(false);
            }

            printer.Run(run);
            return 0;
        }, ct));
        return new Command("run", "Inspect, start or cancel one workflow run.") { get, start, cancel };
    }
}
