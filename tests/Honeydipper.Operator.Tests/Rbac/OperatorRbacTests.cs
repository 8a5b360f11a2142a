using Honeydipper.KubeApi.Emulator;
using Honeydipper.KubeApi.Emulator.Rbac;
using Honeydipper.Kubernetes.Resources;
using Honeydipper.Kubernetes.Resources.Drivers;
using Honeydipper.Kubernetes.Resources.WorkflowRuns;
using Honeydipper.Kubernetes.Runtime.Conditions;
using k8s;
using k8s.Models;

namespace Honeydipper.Operator.Tests;

/// <summary>
/// config/rbac against what the operator really does: one scenario drives every path that calls the API (including
/// the conflict and clean-up paths), and the operator's recorded calls must be exactly what config/rbac grants.
/// Every other operator test checks "granted" too, when its fixture is disposed.
/// </summary>
public sealed class OperatorRbacTests
{
    private const string Sample = """
        kind: Driver
        metadata: {name: webhook}
        spec: {type: webhook, service: {port: 80, targetPort: 8080}}
        ---
        kind: Driver
        metadata: {name: worker}
        spec: {image: example/worker:1}
        ---
        kind: Driver
        metadata: {name: taken-sa}
        spec: {image: example/worker:1}
        ---
        kind: Driver
        metadata: {name: taken-svc}
        spec: {image: example/worker:1, service: {port: 80}}
        ---
        kind: Driver
        metadata: {name: taken-deploy}
        spec: {image: example/worker:1}
        ---
        kind: System
        metadata: {name: demo}
        spec:
          dataFrom: [{secretRef: {name: demo-token}, key: token, path: auth}]
          triggers:
            hello: {driver: webhook, if_match: {url: /hello}, export: {name: '{{ .event.json.name }}'}}
          functions:
            say: {driver: worker, rawAction: do, parameters: {text: 'Hello, {{ .ctx.name }}!'}}
        ---
        kind: Context
        metadata: {name: default}
        spec: {name: _default, workflows: {'*': {team: sre}}}
        ---
        kind: Workflow
        metadata: {name: greet}
        spec:
          runHistory: 1
          call_function: demo.say
        ---
        kind: Rule
        metadata: {name: on-hello}
        spec:
          when: {source: {system: demo, trigger: hello}}
          do: {call_workflow: greet}
        """;

    [Fact]
    public async Task Every_call_the_operator_makes_is_granted_by_config_rbac_and_every_rule_is_used()
    {
        await using OperatorFixture f = await OperatorFixture.StartAsync("rbac");
        string ns = f.Namespace;
        await using Worker worker = Worker.Start(f);

        // Objects of someone else's with the names a Driver's workloads would take: the operator's create conflicts,
        // it reads them (get) and reports Conflict. One per kind, because the first conflict stops a Driver's workloads.
        await f.Client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "hd-taken-sa" } }, ns);
        await f.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service { Metadata = new V1ObjectMeta { Name = "hd-taken-svc" }, Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] } }, ns);
        await f.Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("hd-taken-deploy"), ns);
        await f.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "demo-token" }, StringData = new Dictionary<string, string> { ["token"] = "s3cret" } }, ns);

        // The first run's create answers 409, as after a leader handover when the run exists but is not cached yet: the
        // writer reads it (get) and tries again.
        f.Emulator.Faults.FailNext(1, 409, r => r.User == OperatorFixture.OperatorUser && r.Verb == "create" && r.Resource == "workflowruns");

        // The first status write of each configuration kind answers 409, as when the object changed since it was
        // cached: the controller reads it again (get) and writes on what is there.
        foreach (string kind in (string[])["contexts", "rules", "systems", "workflows"])
        {
            f.Emulator.Faults.FailNext(1, 409, r => r.User == OperatorFixture.OperatorUser && r.Verb == "update" && r.Resource == kind && r.Subresource == "status");
        }

        OperatorHost op = f.StartOperator("op-1", new OperatorOptions { RetentionInterval = TimeSpan.FromMilliseconds(300), ApiListen = "127.0.0.1:0" });
        f.Emulator.Reviews.AddToken("viewer-token", "viewer").Allow("viewer", "list", "honeydipper.io", "*", ns);
        await f.ApplyAsync(Sample);

        foreach (string taken in (string[])["taken-sa", "taken-svc", "taken-deploy"])
        {
            await Poll.UntilAsync(async () => ConditionSet.Find((await OperatorTests.GetAsync<Driver>(f, "drivers", taken)).Status?.Conditions, "Ready")?.Reason == "Conflict", $"Driver {taken} to report Conflict");
        }

        await Poll.UntilAsync(async () => await OperatorTests.ReadyAsync(f, "rules", "on-hello") && await OperatorTests.ReadyAsync(f, "systems", "demo")
            && await OperatorTests.ReadyAsync(f, "workflows", "greet") && await OperatorTests.ReadyAsync(f, "contexts", "default"), "the configuration to be Ready");

        // Runs from events and by hand (one naming no workflow: Error, written by the reconciler), and retention (runHistory: 1).
        await OperatorTests.PublishHelloAsync(f, "Ada");
        await Poll.UntilAsync(() => worker.Texts().Contains("Hello, Ada!"), "Ada's run");
        await OperatorTests.PublishHelloAsync(f, "Bob");
        await Poll.UntilAsync(() => worker.Texts().Contains("Hello, Bob!"), "Bob's run");
        await f.ApplyAsync("""
            kind: WorkflowRun
            metadata: {name: by-hand}
            spec: {workflow: greet, with: {name: Cy}}
            ---
            kind: WorkflowRun
            metadata: {name: typo}
            spec: {workflow: gret}
            """);
        await OperatorTests.RunAsync(f, r => r.Metadata.Name == "typo" && r.Status?.Phase == WorkflowRunPhases.Error, "the typo run to end as Error");
        await Poll.UntilAsync(() => worker.Texts().Contains("Hello, Cy!"), "the run by hand");
        await Poll.UntilAsync(() => f.OperatorRequests.Any(r => r.Verb == "delete" && r.Resource == "workflowruns"), "retention to delete a run");

        // A Driver's workload changes (update), loses its Service, and names its own service account (delete).
        await PatchDriverAsync(f, "webhook", """{"spec":{"replicas":2,"service":{"port":81,"targetPort":8080}}}""");
        await Poll.UntilAsync(async () => (await f.Client.CoreV1.ReadNamespacedServiceAsync("hd-webhook", ns)).Spec.Ports[0].Port == 81, "the Service to be updated");
        await Poll.UntilAsync(async () => (await f.Client.AppsV1.ReadNamespacedDeploymentAsync("hd-webhook", ns)).Spec.Replicas == 2, "the Deployment to be updated");
        await PatchDriverAsync(f, "webhook", """{"spec":{"service":null,"serviceAccountName":"default"}}""");
        await Poll.UntilAsync(async () => (await f.Client.CoreV1.ListNamespacedServiceAsync(ns)).Items.All(s => s.Metadata.Name != "hd-webhook")
            && (await f.Client.CoreV1.ListNamespacedServiceAccountAsync(ns)).Items.All(s => s.Metadata.Name != "hd-webhook"), "the Service and ServiceAccount to go");

        // The API checks a token (TokenReview) and the request (SubjectAccessReview).
        await Poll.UntilAsync(() => op.ApiAddress is not null, "the API to listen");
        using (HttpClient api = new() { BaseAddress = op.ApiAddress })
        {
            api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "viewer-token");
            Assert.Equal(System.Net.HttpStatusCode.OK, (await api.GetAsync($"/api/v1/namespaces/{ns}/runs")).StatusCode);
        }

        // A ConfigRepo creates, updates and prunes each of the five kinds.
        using GitRepo repo = GitRepo.Create();
        await SyncAsync(f, repo, repo.Commit("create", new Dictionary<string, string?> { ["init.yaml"] = GitConfig("one") }), apply: true);
        await SyncAsync(f, repo, repo.Commit("update", new Dictionary<string, string?> { ["init.yaml"] = GitConfig("two") }));
        await SyncAsync(f, repo, repo.Commit("prune", new Dictionary<string, string?> { ["init.yaml"] = "workflows: {}\n" }));
        foreach (string kind in (string[])["drivers", "systems", "rules", "workflows", "contexts"])
        {
            Assert.Contains(f.OperatorRequests, r => r.Verb == "delete" && r.Resource == kind);
        }

        await f.StopOperatorAsync(op); // hands the lease back
        IReadOnlyList<string> ungranted = OperatorRbac.Ungranted(f.OperatorRequests);
        Assert.True(ungranted.Count == 0, "not granted by config/rbac:\n" + string.Join("\n", ungranted));
        List<string> unused = Unused([.. f.OperatorRequests], ns);
        Assert.True(unused.Count == 0, "granted by config/rbac but never used:\n" + string.Join("\n", unused));
    }

    [Fact]
    public void No_rule_in_config_rbac_uses_a_wildcard()
    {
        List<string> wild = [];
        foreach ((string file, object obj) in OperatorRbac.Manifests())
        {
            IEnumerable<V1PolicyRule> rules = obj switch { V1ClusterRole c => c.Rules ?? [], V1Role r => r.Rules ?? [], _ => [] };
            wild.AddRange(rules.Where(r => new[] { r.Verbs, r.ApiGroups, r.Resources }.Any(list => list?.Any(v => v.Contains('*', StringComparison.Ordinal)) == true))
                .Select(r => $"{file}: {{apiGroups: [{string.Join(", ", r.ApiGroups ?? [])}], resources: [{string.Join(", ", r.Resources ?? [])}], verbs: [{string.Join(", ", r.Verbs ?? [])}]}}"));
        }

        Assert.True(wild.Count == 0, "wildcards grant whatever comes later too; name the verbs and resources:\n" + string.Join("\n", wild));
        Assert.Contains(OperatorRbac.Manifests(), m => m.Object is V1ClusterRole { Metadata.Name: "honeydipper-operator" });
    }

    /// <summary>Each verb × group × resource that the operator's roles grant and no recorded call used.</summary>
    private static List<string> Unused(List<RecordedRequest> calls, string ns)
    {
        RbacPolicy policy = OperatorRbac.Policy();
        IEnumerable<GrantedRule> granted = policy.RulesFor(OperatorFixture.OperatorUser, ns).Concat(policy.RulesFor(OperatorFixture.OperatorUser, OperatorFixture.OperatorNamespace)).Distinct();
        List<string> unused = [];
        foreach (GrantedRule g in granted)
        {
            foreach (string group in g.Rule.ApiGroups)
            {
                foreach (string resource in g.Rule.Resources)
                {
                    foreach (string verb in g.Rule.Verbs)
                    {
                        bool used = calls.Any(c => c.Verb == verb && c.Group == group && c.ResourcePath == resource && (g.Namespace is null || c.Namespace == g.Namespace));
                        if (!used)
                        {
                            unused.Add($"{g.Role} grants {verb} on {(group.Length == 0 ? "core" : group)}/{resource}, which the operator never used: remove it, or make OperatorRbacTests exercise the call that needs it");
                        }
                    }
                }
            }
        }

        return [.. unused.Distinct()];
    }

    /// <summary>One of each kind the ConfigRepo writes, with the text changing between commits.</summary>
    private static string GitConfig(string version) => $"""
        drivers:
          daemon:
            drivers:
              web: {"{"}{"}"}
          web: {"{"}note: {version}{"}"}
        systems:
          gitsys:
            description: {version}
            functions:
              get: {"{"}driver: web, rawAction: request{"}"}
        workflows:
          gitflow:
            description: {version}
            export: {"{"}a: b{"}"}
        contexts:
          gitctx:
            gitflow: {"{"}version: {version}{"}"}
        rules:
          - when: {"{"}driver: webhook, if_match: {"{"}url: /git-{version}{"}"}{"}"}
            do: {"{"}call_workflow: gitflow{"}"}
        """;

    private static async Task SyncAsync(OperatorFixture f, GitRepo repo, string commit, bool apply = false)
    {
        if (apply)
        {
            await f.ApplyAsync($"kind: ConfigRepo\nmetadata: {{name: git}}\nspec: {{url: '{repo.Url}', interval: 1s}}\n");
        }

        await Poll.UntilAsync(async () => (await OperatorTests.GetAsync<System.Text.Json.JsonElement>(f, "configrepos", "git")).TryGetProperty("status", out System.Text.Json.JsonElement status)
            && status.TryGetProperty("lastSyncedCommit", out System.Text.Json.JsonElement synced) && synced.GetString() == commit, $"commit {commit} to be synced", TimeSpan.FromSeconds(30));
    }

    private static async Task PatchDriverAsync(OperatorFixture f, string name, string patch) =>
        await f.Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), HoneydipperApi.Group, HoneydipperApi.Version, f.Namespace, "drivers", name);

    private static V1Deployment Deployment(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1DeploymentSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = "example/app:1" }] },
            },
        },
    };
}
