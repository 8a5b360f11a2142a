using Honeydipper.Bus.Protocol;
using Honeydipper.Drivers.Sdk;
using Honeydipper.Kubernetes.Resources;
using Honeydipper.Kubernetes.Resources.Drivers;
using Honeydipper.Kubernetes.Resources.Rules;
using Honeydipper.Kubernetes.Resources.Systems;
using Honeydipper.Kubernetes.Resources.WorkflowRuns;
using Honeydipper.Kubernetes.Resources.Workflows;
using Honeydipper.Kubernetes.Runtime.Conditions;
using k8s;
using k8s.Models;

namespace Honeydipper.Operator.Tests;

/// <summary>The operator's real host against the Kubernetes API emulator and a real Redis.</summary>
public sealed class OperatorTests
{
    internal const string Sample = """
        kind: Driver
        metadata: {name: webhook}
        spec: {type: webhook, service: {port: 80, targetPort: 8080}}
        ---
        kind: Driver
        metadata: {name: worker}
        spec: {image: example/worker:1}
        ---
        kind: System
        metadata: {name: demo}
        spec:
          data: {greeting: Hello}
          triggers:
            hello: {driver: webhook, if_match: {url: /hello}, export: {name: '{{ .event.json.name }}'}}
          functions:
            say: {driver: worker, rawAction: do, parameters: {text: '{{ .sysData.greeting }}, {{ .ctx.name }}!'}}
        ---
        kind: Workflow
        metadata: {name: greet}
        spec:
          description: greet twice
          steps:
            - call_function: demo.say
            - call_function: demo.say
          export: {greeted: $ctx.name}
        ---
        kind: Rule
        metadata: {name: on-hello}
        spec:
          when: {source: {system: demo, trigger: hello}}
          do: {call_workflow: greet}
        """;

    [Fact]
    public async Task A_sample_namespace_runs_events_and_user_runs_as_WorkflowRuns_and_keeps_going_past_an_invalid_rule()
    {
        await using OperatorFixture f = await OperatorFixture.StartAsync();
        await using Worker worker = Worker.Start(f);
        OperatorHost op = f.StartOperator("op-1");
        await f.ApplyAsync(Sample);

        // The Driver gets its workload.
        V1Deployment deployment = await Eventually(() => f.Client.AppsV1.ReadNamespacedDeploymentAsync("hd-webhook", f.Namespace), "the webhook Deployment");
        Assert.Equal(["driver", "webhook", "--name", "webhook", "--namespace", "demo", "--listen", "http://0.0.0.0:8080"], deployment.Spec.Template.Spec.Containers[0].Args);
        V1Service service = await Eventually(() => f.Client.CoreV1.ReadNamespacedServiceAsync("hd-webhook", f.Namespace), "the webhook Service");
        Assert.Equal(80, service.Spec.Ports[0].Port);

        // Every configuration object is Ready.
        await Poll.UntilAsync(async () => await ReadyAsync(f, "rules", "on-hello") && await ReadyAsync(f, "workflows", "greet") && await ReadyAsync(f, "systems", "demo"), "the objects to be Ready");

        // An event on the bus, as the webhook pod would publish it, runs the workflow: a WorkflowRun records it.
        await PublishHelloAsync(f, "Ada");
        // The phase label follows the status in a second patch: wait for both.
        WorkflowRun run = await RunAsync(f, r => r.Spec.Rule == "rule on-hello" && r.Status?.Phase == WorkflowRunPhases.Succeeded
            && r.Metadata.Labels is { } labels && labels.TryGetValue("honeydipper.io/phase", out string? phase) && phase == WorkflowRunPhases.Succeeded, "the event's run to succeed");
        Assert.Equal("greet", run.Spec.Workflow);
        Assert.Equal(("greet", "on-hello", "Succeeded"), (run.Metadata.Labels["honeydipper.io/workflow"], run.Metadata.Labels["honeydipper.io/rule"], run.Metadata.Labels["honeydipper.io/phase"]));
        Assert.Contains(run.Status!.Nodes!, n => n.Type == "call" && n.Name == "demo.say" && n.Phase == "Succeeded");
        Assert.Equal("Ada", run.Status.Exported!.Value.GetProperty("greeted").GetString());
        Assert.True(ConditionSet.IsTrue(run.Status.Conditions, "Completed"));
        Assert.Matches(@"^Rule/on-hello@1, Workflow/greet@1, config@[0-9a-f]{12}$", run.Status.ConfigRevision);
        Assert.Equal(["Hello, Ada!", "Hello, Ada!"], worker.Texts());

        // A WorkflowRun made by a person runs its workflow.
        await f.ApplyAsync("""
            kind: WorkflowRun
            metadata: {name: by-hand}
            spec: {workflow: greet, with: {name: Bob}}
            """);
        WorkflowRun byHand = await RunAsync(f, r => r.Metadata.Name == "by-hand" && r.Status?.Phase == WorkflowRunPhases.Succeeded, "the user's run to succeed");
        Assert.NotNull(byHand.Status!.RunId);
        Assert.Equal(4, worker.Texts().Count);

        // An invalid Rule says why, and the rest keeps working.
        await f.ApplyAsync("""
            kind: Rule
            metadata: {name: on-push}
            spec:
              when: {source: {system: github, trigger: push}}
              do: {call_workflow: greet}
            """);
        V1Condition invalid = await Eventually(async () => ConditionSet.Find((await GetAsync<Rule>(f, "rules", "on-push")).Status?.Conditions, "Ready") ?? throw new InvalidOperationException("no condition yet"), "the invalid rule's condition");
        Assert.Equal(("False", "Invalid", "spec.when.source.system: system \"github\" not defined"), (invalid.Status, invalid.Reason, invalid.Message));
        Assert.True(await ReadyAsync(f, "rules", "on-hello"));
        await PublishHelloAsync(f, "Cy");
        await RunAsync(f, r => r.Status?.Phase == WorkflowRunPhases.Succeeded && r.Status.Exported?.GetProperty("greeted").GetString() == "Cy", "a run after the invalid rule");

        // Deleting a Driver removes its workload.
        await f.Client.CustomObjects.DeleteNamespacedCustomObjectAsync(HoneydipperApi.Group, HoneydipperApi.Version, f.Namespace, "drivers", "webhook");
        await Poll.UntilAsync(async () => (await f.Client.AppsV1.ListNamespacedDeploymentAsync(f.Namespace)).Items.All(d => d.Metadata.Name != "hd-webhook"), "the Deployment to go");
        Assert.True(op.IsLeader);
    }

    [Fact]
    public async Task Setting_spec_cancel_stops_a_running_WorkflowRun_and_keeps_an_unstarted_one_from_starting()
    {
        await using OperatorFixture f = await OperatorFixture.StartAsync();
        await using Worker worker = Worker.Start(f, open: false);
        f.StartOperator("op-1");
        await f.ApplyAsync(Sample);
        await Poll.UntilAsync(async () => await ReadyAsync(f, "workflows", "greet") && await ReadyAsync(f, "systems", "demo"), "the objects to be Ready");

        // Cancelled before it starts: nothing runs.
        await f.ApplyAsync("""
            kind: WorkflowRun
            metadata: {name: never}
            spec: {workflow: greet, with: {name: Nobody}, cancel: true}
            """);
        WorkflowRun never = await RunAsync(f, r => r.Metadata.Name == "never" && r.Status?.Phase is not null, "the unstarted run's status");
        Assert.Equal(WorkflowRunPhases.Cancelled, never.Status!.Phase);
        Assert.Contains("before the run started", never.Status.Reason, StringComparison.Ordinal);

        // Cancelled while its first call is in flight: the phase says so, with the reason, and an event records it.
        await f.ApplyAsync("""
            kind: WorkflowRun
            metadata: {name: stop-me}
            spec: {workflow: greet, with: {name: Dee}}
            """);
        await RunAsync(f, r => r.Metadata.Name == "stop-me" && r.Status?.Phase == WorkflowRunPhases.Running, "the run to be running");
        await f.Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("""{"spec":{"cancel":true}}""", V1Patch.PatchType.MergePatch),
            HoneydipperApi.Group, HoneydipperApi.Version, f.Namespace, "workflowruns", "stop-me");
        WorkflowRun stopped = await RunAsync(f, r => r.Metadata.Name == "stop-me" && r.Status?.Phase == WorkflowRunPhases.Cancelled, "the run to be cancelled");
        Assert.Equal("cancelled by spec.cancel on WorkflowRun stop-me", stopped.Status!.Reason);
        Assert.NotNull(stopped.Status.FinishedAt);
        Assert.All(stopped.Status.Nodes!, n => Assert.NotEqual(WorkflowRunPhases.Running, n.Phase));
        Assert.True(ConditionSet.IsTrue(stopped.Status.Conditions, "Completed"));
        await Poll.UntilAsync(async () => (await f.Client.CoreV1.ListNamespacedEventAsync(f.Namespace)).Items
            .Any(e => e.InvolvedObject.Name == "stop-me" && e.Reason == "RunCancelled" && e.Type == "Normal"), "the RunCancelled event");

        // The call in flight is stopped (the driver's handler sees its token cancelled) and never served: a later
        // run's two calls are all the worker serves.
        await Poll.UntilAsync(() => worker.InFlight == 0, "the driver to stop the cancelled run's call");
        worker.Gate.SetResult();
        await f.ApplyAsync("""
            kind: WorkflowRun
            metadata: {name: after}
            spec: {workflow: greet, with: {name: Eve}}
            """);
        await RunAsync(f, r => r.Metadata.Name == "after" && r.Status?.Phase == WorkflowRunPhases.Succeeded, "the later run to succeed");
        Assert.Equal(["Hello, Eve!", "Hello, Eve!"], worker.Texts());
        WorkflowRun still = await GetAsync<WorkflowRun>(f, "workflowruns", "stop-me");
        Assert.Equal(WorkflowRunPhases.Cancelled, still.Status!.Phase);
    }

    internal static async Task PublishHelloAsync(OperatorFixture f, string name)
    {
        BusEvent ev = new(Guid.NewGuid().ToString("N"), "webhook", string.Empty, new Dictionary<string, string> { ["eventID"] = Guid.NewGuid().ToString() },
            new Dictionary<string, object?> { ["url"] = "/hello", ["method"] = "POST", ["json"] = new Dictionary<string, object?> { ["name"] = name } });
        await f.Bus.PublishAsync(StreamName.Events(f.Namespace), ev.ToMessage());
    }

    internal static async Task<WorkflowRun> RunAsync(OperatorFixture f, Func<WorkflowRun, bool> match, string what)
    {
        WorkflowRun? found = null;
        await Poll.UntilAsync(async () =>
        {
            KubernetesList<WorkflowRun> runs = await f.Client.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<WorkflowRun>>(HoneydipperApi.Group, HoneydipperApi.Version, f.Namespace, "workflowruns");
            found = runs.Items.FirstOrDefault(match);
            return found is not null;
        }, what, TimeSpan.FromSeconds(30));
        return found!;
    }

    internal static Task<T> GetAsync<T>(OperatorFixture f, string plural, string name) =>
        f.Client.CustomObjects.GetNamespacedCustomObjectAsync<T>(HoneydipperApi.Group, HoneydipperApi.Version, f.Namespace, plural, name);

    internal static async Task<bool> ReadyAsync(OperatorFixture f, string plural, string name)
    {
        System.Text.Json.JsonElement obj = await GetAsync<System.Text.Json.JsonElement>(f, plural, name);
        return obj.TryGetProperty("status", out System.Text.Json.JsonElement status) && status.TryGetProperty("conditions", out System.Text.Json.JsonElement conditions)
            && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Ready" && c.GetProperty("status").GetString() == "True");
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, string what)
    {
        T? value = default;
        await Poll.UntilAsync(async () =>
        {
            try
            {
                value = await read();
                return true;
            }
            catch (Exception ex) when (ex is k8s.Autorest.HttpOperationException or InvalidOperationException)
            {
                return false;
            }
        }, what, TimeSpan.FromSeconds(30));
        return value!;
    }
}

/// <summary>The worker driver as its pod would run it: the SDK on the namespace's bus, answering "do" with what it was asked to say.</summary>
internal sealed class Worker : IAsyncDisposable
{
    private readonly DriverHost _host;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(string CommandId, string Text)> _served = [];
    private Task _running = Task.CompletedTask;

    private Worker(DriverHost host) => _host = host;

    /// <summary>Completes the commands; a test may hold them back to stop a run halfway.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static Worker Start(OperatorFixture f, bool open = true)
    {
        Worker worker = new(new DriverHost(f.Bus, new DriverHostOptions { Namespace = f.Namespace, Driver = "worker", Instance = "worker-0" }));
        if (open)
        {
            worker.Gate.SetResult();
        }

        worker._host.Handle("do", async (ctx, ct) =>
        {
            await worker.Gate.Task.WaitAsync(ct);
            string text = ctx.Parameters.TryGetValue("text", out object? t) ? t as string ?? string.Empty : string.Empty;
            lock (worker._served)
            {
                worker._served.Add((ctx.Command.CommandId, text));
            }

            return CommandResult.Success(new Dictionary<string, object?> { ["said"] = text });
        });
        worker._running = worker._host.RunAsync(worker._stop.Token);
        return worker;
    }

    public List<string> Texts()
    {
        lock (_served)
        {
            return [.. _served.Select(s => s.Text)];
        }
    }

    public List<string> CommandIds()
    {
        lock (_served)
        {
            return [.. _served.Select(s => s.CommandId)];
        }
    }

    public int InFlight => _host.InFlight;

    public async ValueTask DisposeAsync()
    {
        Gate.TrySetResult();
        await _stop.CancelAsync();
        await _running;
        _host.Dispose();
        _stop.Dispose();
    }
}
