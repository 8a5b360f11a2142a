using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Honeydipper.Core.Config.Loading;
using Honeydipper.Core.Config.Manifests;
using Honeydipper.Kubernetes.Resources;
using Honeydipper.Kubernetes.Resources.Drivers;
using Honeydipper.Kubernetes.Resources.WorkflowRuns;
using Honeydipper.Kubernetes.Runtime.Conditions;
using k8s;
using k8s.Models;

namespace Honeydipper.Operator.Tests;

public sealed class OperatorLifecycleTests
{
    private const string Sample = """
        kind: Driver
        metadata: {name: worker}
        spec: {image: example/worker:1}
        ---
        kind: System
        metadata: {name: demo}
        spec:
          triggers:
            hello: {driver: webhook, if_match: {url: /hello}, export: {name: '{{ .event.json.name }}'}}
          functions:
            say: {driver: worker, rawAction: do, parameters: {text: 'Hello, {{ .ctx.name }}!'}}
        ---
        kind: Workflow
        metadata: {name: greet}
        spec:
          runHistory: 1
          steps:
            - call_function: demo.say
            - call_function: demo.say
        ---
        kind: Rule
        metadata: {name: on-hello}
        spec:
          when: {source: {system: demo, trigger: hello}}
          do: {call_workflow: greet}
        """;

    [Fact]
    public async Task A_leader_handover_in_the_middle_of_a_run_finishes_the_run_once()
    {
        await using OperatorFixture f = await OperatorFixture.StartAsync();
        await using Worker worker = Worker.Start(f, open: false);
        OperatorHost first = f.StartOperator("op-1");
        await f.ApplyAsync(Sample);
        await Poll.UntilAsync(() => first.RunsEngineFor(f.Namespace), "op-1 to lead and run the namespace's engine");
        // The engine may have started with part of the objects: the event must find the rule compiled in.
        await Poll.UntilAsync(async () => await OperatorTests.ReadyAsync(f, "rules", "on-hello") && await OperatorTests.ReadyAsync(f, "workflows", "greet"), "the rule and workflow to be in use");
        OperatorHost second = f.StartOperator("op-2");

        await OperatorTests.PublishHelloAsync(f, "Ada");
        await Poll.UntilAsync(() => worker.InFlight == 1, "the run's first call to reach the worker");
        WorkflowRun running = await OperatorTests.RunAsync(f, r => r.Status?.Phase == WorkflowRunPhases.Running, "op-1 to record the run as Running");

        Assert.Equal(["op-1"], await LeaderPodsAsync(f)); // the API Service routes to the leader's pod by this label

        await f.StopOperatorAsync(first);       // SIGTERM: the lease is handed back, the engine saves its last turn
        await Poll.UntilAsync(() => second.RunsEngineFor(f.Namespace), "op-2 to take over");
        await Poll.UntilAsync(async () => (await LeaderPodsAsync(f)).SequenceEqual(["op-2"]), "the leader label to move from op-1's pod to op-2's");
        worker.Gate.SetResult();                 // the call in flight answers; op-2's engine gets the return

        WorkflowRun done = await OperatorTests.RunAsync(f, r => r.Metadata.Name == running.Metadata.Name && r.Status?.Phase == WorkflowRunPhases.Succeeded, "the run to finish under op-2");
        Assert.Equal(2, done.Status!.Nodes!.Count(n => n.Type == "call" && n.Phase == "Succeeded"));
        KubernetesList<WorkflowRun> all = await f.Client.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<WorkflowRun>>(HoneydipperApi.Group, HoneydipperApi.Version, f.Namespace, "workflowruns");
        Assert.Single(all.Items);
        Assert.Equal(2, worker.CommandIds().Count);
        Assert.Equal(2, worker.CommandIds().Distinct().Count());
    }

    [Fact]
    public async Task A_new_leader_takes_the_label_off_a_previous_leaders_pod_and_leaves_other_pods_alone()
    {
        await using OperatorFixture f = await OperatorFixture.StartAsync();
        // A leader cut off from the API server keeps its label until it notices; another app's pod has the same label.
        foreach ((string name, string component) in new[] { ("op-0", "operator"), ("other-app", "web") })
        {
            await f.Client.CoreV1.CreateNamespacedPodAsync(new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app.kubernetes.io/component"] = component, ["honeydipper.io/leader"] = "true" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "example/x:1" }] },
            }, OperatorFixture.OperatorNamespace);
        }

        f.StartOperator("op-1");
        await Poll.UntilAsync(async () => (await LeaderPodsAsync(f)).SequenceEqual(["op-1", "other-app"]), "op-1 to be the only operator pod with the leader label");
        V1Pod other = await f.Client.CoreV1.ReadNamespacedPodAsync("other-app", OperatorFixture.OperatorNamespace);
        Assert.Equal("true", other.Metadata.Labels["honeydipper.io/leader"]);
    }

    private static async Task<List<string>> LeaderPodsAsync(OperatorFixture f) =>
        [.. (await f.Client.CoreV1.ListNamespacedPodAsync(OperatorFixture.OperatorNamespace, labelSelector: "honeydipper.io/leader=true")).Items.Select(p => p.Metadata.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Finished_runs_beyond_runHistory_are_deleted_oldest_first()
    {
        await using OperatorFixture f = await OperatorFixture.StartAsync();
        await using Worker worker = Worker.Start(f);
        f.StartOperator("op-1", new OperatorOptions { RetentionInterval = TimeSpan.FromMilliseconds(300) });
        await f.ApplyAsync(Sample);
        foreach (string name in (string[])["Ada", "Bob", "Cy"])
        {
            await Poll.UntilAsync(async () => await OperatorTests.ReadyAsync(f, "rules", "on-hello"), "the rule to be ready");
            await OperatorTests.PublishHelloAsync(f, name);
            await Poll.UntilAsync(() => worker.Texts().Count(t => t == $"Hello, {name}!") == 2, $"{name}'s run");
        }

        await Poll.UntilAsync(async () =>
        {
            KubernetesList<WorkflowRun> runs = await f.Client.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<WorkflowRun>>(HoneydipperApi.Group, HoneydipperApi.Version, f.Namespace, "workflowruns");
            return runs.Items.Count == 1 && runs.Items[0].Status?.Phase == WorkflowRunPhases.Succeeded
                && runs.Items[0].Status!.Nodes!.Any(n => n.Type == "call");
        }, "only the newest finished run to remain (runHistory: 1)");
    }

    [Fact]
    public async Task A_WorkflowRun_naming_no_workflow_says_so_and_the_Driver_turns_Ready_with_its_replicas()
    {
        await using OperatorFixture f = await OperatorFixture.StartAsync();
        OperatorHost op = f.StartOperator("op-1");
        await f.ApplyAsync(Sample + """

            ---
            kind: WorkflowRun
            metadata: {name: typo}
            spec: {workflow: gret}
            """);
        WorkflowRun typo = await OperatorTests.RunAsync(f, r => r.Metadata.Name == "typo" && r.Status?.Phase is not null, "the typo run's status");
        Assert.Equal(WorkflowRunPhases.Error, typo.Status!.Phase);
        Assert.Equal("spec.workflow: workflow \"gret\" is not defined in namespace demo (or is not Ready: kubectl get workflows)", typo.Status.Reason);
        Assert.True(ConditionSet.IsTrue(typo.Status.Conditions, "Completed"));

        // No pods run in the emulator: report the Deployment's status as its controller would.
        V1Deployment deployment = await Eventually(() => f.Client.AppsV1.ReadNamespacedDeploymentAsync("hd-worker", f.Namespace));
        Assert.Equal(("example/worker:1", true, false), (deployment.Spec.Template.Spec.Containers[0].Image, deployment.Spec.Template.Spec.Containers[0].SecurityContext.ReadOnlyRootFilesystem == true, deployment.Spec.Template.Spec.Containers[0].SecurityContext.AllowPrivilegeEscalation == true));
        Driver notYet = await OperatorTests.GetAsync<Driver>(f, "drivers", "worker");
        Assert.False(ConditionSet.IsTrue(notYet.Status?.Conditions, "Ready"));
        deployment.Status = new V1DeploymentStatus { Replicas = 1, ReadyReplicas = 1, AvailableReplicas = 1, ObservedGeneration = deployment.Metadata.Generation };
        await f.Client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(deployment, "hd-worker", f.Namespace);
        await Poll.UntilAsync(async () => ConditionSet.IsTrue((await OperatorTests.GetAsync<Driver>(f, "drivers", "worker")).Status?.Conditions, "Ready"), "the Driver to turn Ready");
        Driver ready = await OperatorTests.GetAsync<Driver>(f, "drivers", "worker");
        Assert.Equal((1, 1), (ready.Status!.Replicas, ready.Status.ReadyReplicas));

        // Changing only the options (data, pushed over the bus) does not roll the pods; changing the image does.
        string hash = deployment.Spec.Template.Metadata.Annotations["honeydipper.io/spec-hash"];
        await f.Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("""{"spec":{"data":{"verbose":true}}}""", V1Patch.PatchType.MergePatch), HoneydipperApi.Group, HoneydipperApi.Version, f.Namespace, "drivers", "worker");
        await f.Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("""{"spec":{"image":"example/worker:2"}}""", V1Patch.PatchType.MergePatch), HoneydipperApi.Group, HoneydipperApi.Version, f.Namespace, "drivers", "worker");
        await Poll.UntilAsync(async () => (await f.Client.AppsV1.ReadNamespacedDeploymentAsync("hd-worker", f.Namespace)).Spec.Template.Spec.Containers[0].Image == "example/worker:2", "the new image");
        V1Deployment rolled = await f.Client.AppsV1.ReadNamespacedDeploymentAsync("hd-worker", f.Namespace);
        Assert.NotEqual(hash, rolled.Spec.Template.Metadata.Annotations["honeydipper.io/spec-hash"]);
        Assert.Equal(2, rolled.Metadata.Generation); // created, then rolled once: the options change wrote no new spec
        Assert.Equal(1, f.Emulator.Requests.Count(r => r.Resource == "deployments" && r.Subresource is null && r.Verb == "update"));

        using HttpClient http = new();
        Assert.Equal("ready\n", await http.GetStringAsync(new Uri(op.HealthAddress!, "/readyz")));
        string metrics = await http.GetStringAsync(new Uri(op.HealthAddress!, "/metrics"));
        Assert.Contains("honeydipper_operator_leader 1", metrics, StringComparison.Ordinal);
        Assert.Contains("honeydipper_config_objects{namespace=\"demo\",reason=\"Valid\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("honeydipper_config_objects{namespace=\"demo\",reason=\"DriverNotFound\"} 1", metrics, StringComparison.Ordinal); // demo's trigger: no webhook Driver here
    }

    [Fact]
    public async Task WorkflowRuns_coming_and_going_do_not_recompile_the_namespace()
    {
        await using OperatorFixture f = await OperatorFixture.StartAsync();
        await using Worker worker = Worker.Start(f);
        OperatorHost op = f.StartOperator("op-1", new OperatorOptions { ConfigResync = TimeSpan.FromHours(1) });
        await f.ApplyAsync(Sample);
        await Poll.UntilAsync(async () => await OperatorTests.ReadyAsync(f, "workflows", "greet") && op.ConfigIdle, "the workflow to be Ready and the compiles done");
        using HttpClient http = new();
        long before = await CompilesAsync(http, op, f.Namespace);
        Assert.True(before >= 1, "the namespace was compiled");

        for (int i = 0; i < 5; i++)
        {
            await f.ApplyAsync($"kind: WorkflowRun\nmetadata: {{name: run-{i}}}\nspec: {{workflow: greet}}\n");
        }

        await Poll.UntilAsync(async () =>
        {
            KubernetesList<WorkflowRun> runs = await f.Client.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<WorkflowRun>>(HoneydipperApi.Group, HoneydipperApi.Version, f.Namespace, "workflowruns");
            return runs.Items.Count(r => r.Metadata.Name.StartsWith("run-", StringComparison.Ordinal) && r.Status?.Phase == WorkflowRunPhases.Succeeded) == 5;
        }, "the five runs to succeed", TimeSpan.FromSeconds(30));
        Assert.Equal(before, await CompilesAsync(http, op, f.Namespace)); // each run was created, labelled and had its status written several times

        // A change of what the configuration reads still compiles it.
        await f.Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("""{"spec":{"description":"greets twice"}}""", V1Patch.PatchType.MergePatch), HoneydipperApi.Group, HoneydipperApi.Version, f.Namespace, "workflows", "greet");
        await Poll.UntilAsync(async () => await CompilesAsync(http, op, f.Namespace) > before, "the edited Workflow to recompile the namespace");
    }

    private static async Task<long> CompilesAsync(HttpClient http, OperatorHost op, string ns)
    {
        string metrics = await http.GetStringAsync(new Uri(op.HealthAddress!, "/metrics"));
        Match count = Regex.Match(metrics, $"^honeydipper_config_compiles_total\\{{namespace=\"{ns}\"\\}} (\\d+)", RegexOptions.Multiline);
        return count.Success ? long.Parse(count.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [Fact]
    public async Task The_essentials_configuration_as_objects_becomes_Ready_except_what_names_drivers_that_do_not_exist()
    {
        await using OperatorFixture f = await OperatorFixture.StartAsync("essentials");
        f.StartOperator("op-1");
        ConfigLoadResult loaded = ConfigLoader.LoadFolder(RepoPaths.Essentials, options: new ConfigLoaderOptions { Environment = new Dictionary<string, string>() });
        List<Dictionary<string, object?>> manifests = ManifestWriter.Write(loaded.Config, new HashSet<string>(StringComparer.Ordinal) { "webhook", "web", "kubernetes", "cron", "redis" });
        foreach (Dictionary<string, object?> manifest in manifests)
        {
            await f.CreateAsync(manifest);
        }

        List<(string Kind, string Name)> configObjects = [.. manifests.Where(m => (string)m["kind"]! != "Driver").Select(m => ((string)m["kind"]!, (string)((IDictionary<string, object?>)m["metadata"]!)["name"]!))];
        Dictionary<(string Kind, string Name), V1Condition> conditions = [];
        await Poll.UntilAsync(async () =>
        {
            conditions.Clear();
            foreach ((string kind, string name) in configObjects)
            {
                JsonElement obj = await OperatorTests.GetAsync<JsonElement>(f, OperatorFixture.Plural(kind), name);
                if (obj.TryGetProperty("status", out JsonElement status) && status.TryGetProperty("conditions", out JsonElement list))
                {
                    conditions[(kind, name)] = list.EnumerateArray().Select(c => JsonSerializer.Deserialize<V1Condition>(c.GetRawText())!).Single(c => c.Type == "Ready");
                }
            }

            return conditions.Count == configObjects.Count;
        }, $"all {configObjects.Count} objects to have a Ready condition", TimeSpan.FromSeconds(60));

        Assert.Equal(9 + 29 + 5 + 5, configObjects.Count);
        List<string> notReady = [.. conditions.Where(c => c.Value.Status != "True").Select(c => $"{c.Key.Kind} {c.Key.Name}: {c.Value.Reason}: {c.Value.Message}")];
        Assert.All(conditions.Values.Where(c => c.Status != "True"), c => Assert.Equal("DriverNotFound", c.Reason));
        Assert.All(conditions.Values.Where(c => c.Status != "True"), c => Assert.Matches("uses driver \"[^\"]+\", which no Driver in this namespace provides", c.Message));
        // The original's reload and resume_workflow call redispubsub, which the operator serves itself.
        Assert.Equal("True", conditions[("Workflow", "reload")].Status);
        Assert.Equal("True", conditions[("Workflow", "resume-workflow")].Status);
        Assert.True(conditions.Count(c => c.Value.Status == "True") > 30, string.Join("\n", notReady));
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read)
    {
        T? value = default;
        await Poll.UntilAsync(async () =>
        {
            try
            {
                value = await read();
                return true;
            }
            catch (k8s.Autorest.HttpOperationException)
            {
                return false;
            }
        }, "the object to exist");
        return value!;
    }
}
