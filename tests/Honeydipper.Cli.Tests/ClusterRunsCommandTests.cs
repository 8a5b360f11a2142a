using System.Text.Json;
using System.Text.RegularExpressions;
using Honeydipper.Kubernetes.Resources.WorkflowRuns;

namespace Honeydipper.Cli.Tests;

/// <summary>
/// <c>honeydipper runs</c>, <c>run get</c> and <c>run start</c> in cluster mode: WorkflowRun objects on the Kubernetes
/// API emulator through a real kubeconfig file, read by the real KubernetesClient. No operator runs here: the tests
/// write the runs' status themselves (the end-to-end test with the operator is in Honeydipper.Operator.Tests).
/// </summary>
public sealed class ClusterRunsCommandTests
{
    /// <summary>Whole seconds: times go through RFC 3339 text on their way to the cluster and back.</summary>
    private static readonly DateTime Now = new(DateTime.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    [Fact]
    public async Task Runs_lists_WorkflowRuns_newest_first_filtered_as_a_table_json_and_yaml()
    {
        await using EmulatedCluster c = await SampleAsync("cli-list");

        (int code, string output, string error) = await CliRunner.RunAsync(c.Args("runs"));
        Assert.True(code == 0, output);
        Assert.Equal(string.Empty, error);
        string[] lines = output.TrimEnd().Split('\n');
        Assert.Matches(@"^RUN\s+WORKFLOW\s+PHASE\s+STARTED\s+DURATION$", lines[0]);
        Assert.Equal(["by-hand", "greet-new", "deploy-abc", "greet-old"], lines[1..].Select(l => l.Split(' ')[0]));
        Assert.Matches(@"^by-hand\s+greet\s+Pending\s*$", lines[1]); // created, not picked up yet: no status
        Assert.Matches(@"^greet-new\s+greet\s+Succeeded\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+2\.0s$", lines[2]);

        (code, output, _) = await CliRunner.RunAsync(c.Args("runs", "--workflow", "greet", "--phase", "succeeded"));
        Assert.Equal(0, code);
        Assert.Equal(["greet-new"], output.TrimEnd().Split('\n')[1..].Select(l => l.Split(' ')[0]));

        (code, output, _) = await CliRunner.RunAsync(c.Args("runs", "--limit", "2", "-o", "json"));
        Assert.Equal(0, code);
        JsonElement items = JsonDocument.Parse(output).RootElement.GetProperty("items");
        Assert.Equal(["by-hand", "greet-new"], items.EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        JsonElement newest = items[1];
        Assert.Equal(("greet", "Succeeded", "cli-list", 3.0), (newest.GetProperty("name").GetString(), newest.GetProperty("phase").GetString(), newest.GetProperty("namespace").GetString(), newest.GetProperty("steps").GetDouble()));
        Assert.Equal(Now.AddMinutes(-1), newest.GetProperty("startedAt").GetDateTimeOffset().UtcDateTime);

        (code, output, _) = await CliRunner.RunAsync(c.Args("runs", "--phase", "Running", "-o", "yaml"));
        Assert.Equal(0, code);
        Assert.Contains("id: deploy-abc", output, StringComparison.Ordinal);
        Assert.Contains("phase: Running", output, StringComparison.Ordinal);
        Assert.DoesNotContain("greet", output, StringComparison.Ordinal);

        // The namespace is the kubeconfig context's unless -n says otherwise.
        (code, output, _) = await CliRunner.RunAsync(c.Args("runs", "-n", "default"));
        Assert.Equal(0, code);
        Assert.Single(output.TrimEnd().Split('\n'));

        (code, output, _) = await CliRunner.RunAsync(c.Args("runs", "--phase", "Done"));
        Assert.Equal(2, code);
        Assert.Contains("--phase Done is not a phase", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_get_shows_the_step_tree_timings_exported_data_and_the_reason()
    {
        await using EmulatedCluster c = await SampleAsync("cli-get");

        (int code, string output, _) = await CliRunner.RunAsync(c.Args("run", "get", "greet-old"));
        Assert.True(code == 0, output);
        string[] lines = output.TrimEnd().Split('\n');
        Assert.Matches(@"^run greet-old: greet  Failed  started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d  5\.0s$", lines[0]);
        Assert.Equal("reason: demo.say: boom", lines[1]);
        Assert.Equal("└─ Failed greet (workflow, 5.0s)", lines[2]);
        Assert.Equal("   ├─ Succeeded demo.say (call, 1.0s)  said hello", lines[3]);
        Assert.Equal("   └─ Failed demo.say (call, 2.0s)  boom", lines[4]);
        Assert.Equal(["exported:", "  greeted: Ada"], lines[5..]);

        (code, output, _) = await CliRunner.RunAsync(c.Args("run", "get", "greet-old", "-o", "json"));
        Assert.Equal(0, code);
        JsonElement run = JsonDocument.Parse(output).RootElement;
        Assert.Equal(["0", "0.1", "0.2"], run.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("id").GetString()));
        Assert.Equal("0", run.GetProperty("nodes")[2].GetProperty("parent").GetString());
        Assert.Equal("Ada", run.GetProperty("exported").GetProperty("greeted").GetString());
        Assert.Equal(("demo.say: boom", "7", "git:abc123"), (run.GetProperty("reason").GetString(), run.GetProperty("runID").GetString(), run.GetProperty("configRevision").GetString()));

        (code, output, _) = await CliRunner.RunAsync(c.Args("run", "get", "greet-old", "-o", "yaml"));
        Assert.Equal(0, code);
        Assert.Contains("phase: Failed", output, StringComparison.Ordinal);
        Assert.Contains("greeted: Ada", output, StringComparison.Ordinal);

        (code, output, _) = await CliRunner.RunAsync(c.Args("run", "get", "nope"));
        Assert.Equal(1, code);
        Assert.Equal("no WorkflowRun \"nope\" in namespace cli-get (honeydipper runs lists them; -n picks another namespace)", output.TrimEnd());
    }

    [Fact]
    public async Task Run_start_creates_a_WorkflowRun_for_the_workflow_with_its_values()
    {
        await using EmulatedCluster c = await EmulatedCluster.StartAsync("cli-start");

        (int code, string output, _) = await CliRunner.RunAsync(c.Args("run", "start", "greet", "--with", "name=Ada", "--with", "greeting=Hola=hi"));
        Assert.True(code == 0, output);
        WorkflowRun run = Assert.Single(await c.ListRunsAsync());
        Assert.Matches("^greet-[a-z0-9]{5}$", run.Metadata.Name);
        Assert.Equal("greet-", run.Metadata.GenerateName);
        Assert.Equal("greet", run.Spec.Workflow);
        Assert.Equal("""{"greeting":"Hola=hi","name":"Ada"}""", JsonSerializer.Serialize(run.Spec.With));
        Assert.Null(run.Spec.Rule);
        Assert.StartsWith($"run {run.Metadata.Name}: greet  Pending", output, StringComparison.Ordinal);

        // A workflow name that is no object name still gives one; no values, no spec.with.
        (code, output, _) = await CliRunner.RunAsync(c.Args("run", "start", "Notify_Team", "-o", "json"));
        Assert.True(code == 0, output);
        string name = JsonDocument.Parse(output).RootElement.GetProperty("id").GetString()!;
        WorkflowRun notify = (await c.ListRunsAsync()).Single(r => r.Metadata.Name == name);
        Assert.StartsWith("notify-team-", name, StringComparison.Ordinal);
        Assert.Equal(("Notify_Team", null), (notify.Spec.Workflow, notify.Spec.With));

        (code, output, _) = await CliRunner.RunAsync(c.Args("run", "start", "greet", "--with", "name"));
        Assert.Equal(2, code);
        Assert.Equal("--with name: write it as key=value", output.TrimEnd());
        Assert.Equal(2, (await c.ListRunsAsync()).Count);
    }

    [Fact]
    public async Task Run_start_wait_returns_when_the_run_has_finished_and_fails_with_it()
    {
        await using EmulatedCluster c = await EmulatedCluster.StartAsync("cli-wait");
        (Task<int> exit, LiveWriter output, CancellationTokenSource stop) = CliRunner.Start(c.Args("run", "start", "greet", "--wait"));
        using (stop)
        {
            WorkflowRun? run = null;
            await Poll.UntilAsync(async () => (run = (await c.ListRunsAsync()).SingleOrDefault()) is not null, "the WorkflowRun to be created");

            // The operator would write these; a phase that is not an end does not end the wait.
            await c.SetStatusAsync(run!, Status(WorkflowRunPhases.Running, started: -2));
            await c.SetStatusAsync(run!, Status(WorkflowRunPhases.Failed, started: -2, took: 1, reason: "demo.say: boom"));
            Assert.Equal(1, await exit.WaitAsync(TimeSpan.FromSeconds(20)));
            Assert.StartsWith($"run {run!.Metadata.Name}: greet  Failed", output.Text, StringComparison.Ordinal);
            Assert.Contains("reason: demo.say: boom", output.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Runs_watch_prints_the_runs_then_each_change_the_filter_wants()
    {
        await using EmulatedCluster c = await SampleAsync("cli-watch");
        (Task<int> exit, LiveWriter output, CancellationTokenSource stop) = CliRunner.Start(c.Args("runs", "--watch", "--workflow", "greet"));
        using (stop)
        {
            await Poll.UntilAsync(() => Regex.IsMatch(output.Text, @"(?m)^greet-old\s+greet\s+Failed"), "the current runs");
            Assert.Matches(@"^RUN\s+WORKFLOW", output.Text);
            Assert.DoesNotContain("deploy-abc", output.Text, StringComparison.Ordinal);

            WorkflowRun byHand = (await c.ListRunsAsync()).Single(r => r.Metadata.Name == "by-hand");
            await c.SetStatusAsync(byHand, Status(WorkflowRunPhases.Running, started: 0));
            await Poll.UntilAsync(() => Regex.IsMatch(output.Text, @"(?m)^by-hand\s+greet\s+Running"), "the run's change to be printed");

            // Events arrive in order: once the later greet run shows, the deploy run before it was seen and left out.
            await c.CreateRunAsync("deploy-later", "deploy");
            await c.CreateRunAsync("greet-later", "greet");
            await Poll.UntilAsync(() => Regex.IsMatch(output.Text, @"(?m)^greet-later\s+greet\s+Pending"), "a new run to be printed");
            Assert.DoesNotContain("deploy-later", output.Text, StringComparison.Ordinal);
            Assert.Single(Regex.Matches(output.Text, "(?m)^greet-old"));

            await stop.CancelAsync();
            Assert.Equal(0, await exit.WaitAsync(TimeSpan.FromSeconds(20)));
        }

        Assert.Contains(c.Emulator.Requests, r => r.Verb == "watch" && r.Resource == "workflowruns" && r.Namespace == "cli-watch" && r.User == "cli-user");
    }

    [Fact]
    public async Task Failures_are_one_line_each_and_a_non_zero_exit()
    {
        await using EmulatedCluster c = await EmulatedCluster.StartAsync("cli-errors");
        List<string> outputs = [];
        async Task<string> Fails(int expected, params string[] args)
        {
            (int code, string output, string error) = await CliRunner.RunAsync(args);
            Assert.True(code == expected, $"exit {code}: {output}");
            Assert.Equal(string.Empty, error);
            Assert.Single(output.TrimEnd().Split('\n'));
            outputs.Add(output);
            return output.TrimEnd();
        }

        string missing = Path.Combine(c.Dir, "missing");
        Assert.Equal($"no kubeconfig at {missing}: the file does not exist", await Fails(1, "runs", "--kubeconfig", missing));

        string unreachable = Path.Combine(c.Dir, "unreachable");
        await File.WriteAllTextAsync(unreachable, (await File.ReadAllTextAsync(c.Kubeconfig)).Replace(c.Emulator.BaseAddress.ToString().TrimEnd('/'), "http://127.0.0.1:1", StringComparison.Ordinal));
        Assert.StartsWith("no cluster at http://127.0.0.1:1 (context emulator): ", await Fails(1, "runs", "--kubeconfig", unreachable), StringComparison.Ordinal);

        c.Emulator.Faults.FailNext(1, 403, r => r.Verb == "list" && r.Resource == "workflowruns");
        Assert.StartsWith("forbidden: you may not list workflowruns.honeydipper.io in namespace cli-errors (403): ", await Fails(1, c.Args("runs")), StringComparison.Ordinal);
        c.Emulator.Faults.FailNext(1, 403, r => r.Verb == "create" && r.Resource == "workflowruns");
        Assert.StartsWith("forbidden: you may not create workflowruns.honeydipper.io in namespace cli-errors (403): ", await Fails(1, c.Args("run", "start", "greet")), StringComparison.Ordinal);
        Assert.Empty(await c.ListRunsAsync());

        Assert.Equal($"kubeconfig {c.Kubeconfig} has no context \"prod\" (it has: emulator)", await Fails(1, c.Args("runs", "--context", "prod")));
        Assert.StartsWith("--api reads runs from the HTTP API, --cluster/--kubeconfig/--context", await Fails(2, c.Args("runs", "--api", "http://127.0.0.1:9000")), StringComparison.Ordinal);
        Assert.StartsWith("--token is for --api", await Fails(2, c.Args("runs", "--token", "t")), StringComparison.Ordinal);

        await using (EmulatedCluster bare = await EmulatedCluster.StartAsync("cli-bare", crds: false))
        {
            Assert.StartsWith($"the cluster at {bare.Emulator.BaseAddress.ToString().TrimEnd('/')} does not serve workflowruns.honeydipper.io/v1alpha1: are the Honeydipper CRDs installed?", await Fails(1, bare.Args("runs")), StringComparison.Ordinal);
        }

        Assert.DoesNotContain(outputs, o => o.Contains("   at ", StringComparison.Ordinal) || o.Contains("Exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KUBECONFIG_chooses_the_cluster_unless_HD_API_or_api_says_otherwise()
    {
        await using EmulatedCluster c = await SampleAsync("cli-mode");

        (int code, string output, _) = await CliRunner.RunAsync(new Dictionary<string, string> { ["KUBECONFIG"] = c.Kubeconfig }, "run", "get", "greet-new");
        Assert.True(code == 0, output);
        Assert.StartsWith("run greet-new: greet  Succeeded", output, StringComparison.Ordinal);

        (code, output, _) = await CliRunner.RunAsync(new Dictionary<string, string> { ["KUBECONFIG"] = $"{Path.Combine(c.Dir, "none")}:{c.Kubeconfig}", ["HD_API"] = "http://127.0.0.1:1" }, "runs", "--cluster");
        Assert.True(code == 0, output);
        Assert.Contains("greet-new", output, StringComparison.Ordinal);

        // The API, when asked for, even with KUBECONFIG set: the cluster hears nothing from these two.
        int clusterCalls = c.Emulator.Requests.Count(r => r.User == "cli-user");
        (code, output, _) = await CliRunner.RunAsync(new Dictionary<string, string> { ["KUBECONFIG"] = c.Kubeconfig, ["HD_API"] = "http://127.0.0.1:1" }, "runs");
        Assert.Equal(1, code);
        Assert.StartsWith("no API at http://127.0.0.1:1/", output, StringComparison.Ordinal);

        (code, output, _) = await CliRunner.RunAsync(new Dictionary<string, string> { ["KUBECONFIG"] = c.Kubeconfig }, "runs", "--api", "http://127.0.0.1:1");
        Assert.Equal(1, code);
        Assert.StartsWith("no API at http://127.0.0.1:1/", output, StringComparison.Ordinal);
        Assert.Equal(clusterCalls, c.Emulator.Requests.Count(r => r.User == "cli-user"));
    }

    [Fact]
    public async Task The_files_of_KUBECONFIG_are_merged_as_kubectl_merges_them()
    {
        await using EmulatedCluster c = await SampleAsync("cli-merge");
        // The first file chooses the context; the second, with another current-context, defines it.
        string first = Path.Combine(c.Dir, "choice");
        File.WriteAllText(first, "apiVersion: v1\nkind: Config\ncurrent-context: emulator\n");
        string second = Path.Combine(c.Dir, "clusters");
        File.WriteAllText(second, File.ReadAllText(c.Kubeconfig).Replace("current-context: emulator", "current-context: elsewhere", StringComparison.Ordinal));
        string list = string.Join(Path.PathSeparator, first, Path.Combine(c.Dir, "missing"), second);

        (int code, string output, _) = await CliRunner.RunAsync(new Dictionary<string, string> { ["KUBECONFIG"] = list }, "run", "get", "greet-new");
        Assert.True(code == 0, output);
        Assert.StartsWith("run greet-new: greet  Succeeded", output, StringComparison.Ordinal);

        // Only the second file: its current context names nothing, and the message says which files were read.
        (code, output, _) = await CliRunner.RunAsync(new Dictionary<string, string> { ["KUBECONFIG"] = second }, "runs");
        Assert.Equal(1, code);
        Assert.StartsWith($"kubeconfig {second} has no context \"elsewhere\" (it has: emulator)", output, StringComparison.Ordinal);

        (code, output, _) = await CliRunner.RunAsync(new Dictionary<string, string> { ["KUBECONFIG"] = Path.Combine(c.Dir, "missing") }, "runs");
        Assert.Equal(1, code);
        Assert.StartsWith($"no kubeconfig: no file in KUBECONFIG ({Path.Combine(c.Dir, "missing")}) exists (pass --kubeconfig, or --api for the HTTP API)", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Four runs: greet-old (Failed 3 minutes ago, with steps, an export and a reason), deploy-abc (Running since 2
    /// minutes ago), greet-new (Succeeded a minute ago) and by-hand (just created, no status yet).
    /// </summary>
    private static async Task<EmulatedCluster> SampleAsync(string ns)
    {
        EmulatedCluster c = await EmulatedCluster.StartAsync(ns);
        WorkflowRunStatus old = Status(WorkflowRunPhases.Failed, started: -180, took: 5, reason: "demo.say: boom");
        DateTime start = Now.AddSeconds(-180);
        old.RunId = "7";
        old.ConfigRevision = "git:abc123";
        old.Exported = JsonSerializer.SerializeToElement(new { greeted = "Ada" });
        old.Nodes =
        [
            new WorkflowRunNode { Id = "0", Name = "greet", Type = "workflow", Phase = "Failed", StartedAt = start, FinishedAt = start.AddSeconds(5) },
            new WorkflowRunNode { Id = "0.1", Parent = "0", Name = "demo.say", Type = "call", Phase = "Succeeded", StartedAt = start, FinishedAt = start.AddSeconds(1), Message = "said hello" },
            new WorkflowRunNode { Id = "0.2", Parent = "0", Name = "demo.say", Type = "call", Phase = "Failed", StartedAt = start.AddSeconds(1), FinishedAt = start.AddSeconds(3), Message = "boom" },
        ];
        await c.CreateRunAsync("greet-old", "greet", old);
        await c.CreateRunAsync("deploy-abc", "deploy", Status(WorkflowRunPhases.Running, started: -120));
        WorkflowRunStatus recent = Status(WorkflowRunPhases.Succeeded, started: -60, took: 2);
        recent.Nodes = [.. old.Nodes.Select(n => n with { Phase = "Succeeded" })];
        await c.CreateRunAsync("greet-new", "greet", recent);
        await c.CreateRunAsync("by-hand", "greet", with: new { name = "Bo" });
        return c;
    }

    private static WorkflowRunStatus Status(string phase, int started, int? took = null, string? reason = null) => new()
    {
        Phase = phase,
        StartedAt = Now.AddSeconds(started),
        FinishedAt = took is int t ? Now.AddSeconds(started + t) : null,
        Reason = reason,
    };
}
