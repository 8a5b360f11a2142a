using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Honeydipper.KubeApi.Emulator.Tests.Kubectl;

/// <summary>The real kubectl against the emulator, with the project's own CRDs and samples.</summary>
public sealed class KubectlTests(KubectlFixture fx) : IClassFixture<KubectlFixture>
{
    private static readonly string[] Kinds = ["configrepos", "contexts", "drivers", "rules", "systems", "workflowruns", "workflows"];

    private KubectlTool Kubectl => fx.Kubectl;

    private static string Sample(string kind) => Path.Combine(RepoPaths.RepoRoot, "config", "samples", $"{kind}.yaml");

    private static void Ok(KubectlResult result) => Assert.True(result.ExitCode == 0, result.ToString());

    private async Task<string> NamespaceWithSamplesAsync()
    {
        string ns = fx.Api.NewNamespace("kc");
        foreach (string kind in new[] { "driver", "system", "rule", "workflow", "context", "configrepo" })
        {
            Ok(await Kubectl.RunAsync("apply", "-n", ns, "-f", Sample(kind)));
        }

        return ns;
    }

    [Fact]
    public async Task Apply_of_config_crd_registers_every_kind_and_reapplying_changes_nothing()
    {
        Ok(fx.CrdApply);
        foreach (string kind in Kinds)
        {
            Assert.Contains($"customresourcedefinition.apiextensions.k8s.io/{kind}.honeydipper.io created", fx.CrdApply.Stdout);
        }

        KubectlResult again = await Kubectl.RunAsync("apply", "-f", Path.Combine(RepoPaths.RepoRoot, "config", "crd"));
        Ok(again);
        Assert.Equal(Kinds.Length, again.Stdout.Split('\n').Count(l => l.EndsWith(" unchanged", StringComparison.Ordinal)));
        KubectlResult resources = await Kubectl.RunAsync("api-resources", "--api-group", "honeydipper.io", "-o", "name");
        Ok(resources);
        Assert.Equal(Kinds.Select(k => $"{k}.honeydipper.io"), resources.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Samples_apply_create_and_list_under_the_honeydipper_category()
    {
        string ns = await NamespaceWithSamplesAsync();
        KubectlResult created = await Kubectl.RunAsync("create", "-n", ns, "-f", Sample("workflowrun"));
        Ok(created);
        Assert.Matches("workflowrun.honeydipper.io/deploy-[a-z0-9]{5} created", created.Stdout);

        KubectlResult all = await Kubectl.RunAsync("get", "honeydipper", "-n", ns, "-o", "name");
        Ok(all);
        foreach (string expected in new[] { "driver.honeydipper.io/webhook", "system.honeydipper.io/github", "rule.honeydipper.io/deploy-on-push", "workflow.honeydipper.io/deploy", "context.honeydipper.io/default", "configrepo.honeydipper.io/essentials" })
        {
            Assert.Contains(expected, all.Stdout);
        }

        KubectlResult defaulted = await Kubectl.RunAsync("get", "hdrepo", "essentials", "-n", ns, "-o", "jsonpath={.spec.initFile} {.spec.prune} {.spec.path}");
        Assert.Equal("init.yaml true /", defaulted.Stdout.Trim());
    }

    [Fact]
    public async Task Get_wide_prints_the_printer_columns()
    {
        string ns = await NamespaceWithSamplesAsync();
        KubectlResult narrow = await Kubectl.RunAsync("get", "hdr", "-n", ns);
        KubectlResult wide = await Kubectl.RunAsync("get", "hdr", "-n", ns, "-o", "wide");
        Ok(wide);
        string[] narrowHeader = narrow.Stdout.Split('\n')[0].Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] wideHeader = wide.Stdout.Split('\n')[0].Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["NAME", "SYSTEM", "TRIGGER", "DRIVER", "READY", "AGE"], narrowHeader);
        Assert.Equal(["NAME", "SYSTEM", "TRIGGER", "DRIVER", "READY", "SUSPENDED", "TRIGGERED", "LAST TRIGGERED", "AGE"], wideHeader);
        Assert.Matches(@"deploy-on-push\s+github\s+push\s+false\s+\d+s", wide.Stdout.Split('\n')[1]);
    }

    [Fact]
    public async Task Explain_describes_the_workflow_spec_fields()
    {
        KubectlResult explain = await Kubectl.RunAsync("explain", "workflows.spec");
        Ok(explain);
        Assert.Contains("KIND:       Workflow", explain.Stdout);
        Assert.Contains("The workflow: every Honeydipper workflow key, directly here.", explain.Stdout);
        Assert.Contains("call_function\t<string>", explain.Stdout);
        Assert.Contains("Call a system function, as system.function.", explain.Stdout);
        KubectlResult field = await Kubectl.RunAsync("explain", "drivers.spec.replicas");
        Assert.Contains("Number of driver pods.", field.Stdout);
    }

    [Fact]
    public async Task Invalid_objects_are_refused_with_the_servers_message()
    {
        string ns = fx.Api.NewNamespace("kc");
        string file = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, "apiVersion: honeydipper.io/v1alpha1\nkind: Driver\nmetadata:\n  name: bad\nspec:\n  type: carrier-pigeon\n  replicas: -1\n");
        KubectlResult result = await Kubectl.RunAsync("apply", "-n", ns, "-f", file);
        File.Delete(file);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("The Driver \"bad\" is invalid:", result.Stderr);
        Assert.Contains("spec.type: Unsupported value: \"carrier-pigeon\"", result.Stderr);
        Assert.Contains("spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0", result.Stderr);
    }

    [Fact]
    public async Task Delete_waits_while_a_finalizer_is_pending()
    {
        string ns = await NamespaceWithSamplesAsync();
        Ok(await Kubectl.RunAsync("patch", "hdr", "deploy-on-push", "-n", ns, "--type", "merge", "-p", """{"metadata":{"finalizers":["honeydipper.io/test"]}}"""));
        using KubectlTool.Running delete = Kubectl.Start("delete", "hdr", "deploy-on-push", "-n", ns, "--timeout=60s");

        await Poll.UntilAsync(async () => (await Rule(ns))?["metadata"]?["deletionTimestamp"] is not null, "the rule to be marked for deletion");
        Assert.False(delete.HasExited, "kubectl delete returned while the finalizer was pending");

        await fx.Api.Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "honeydipper.io", "v1alpha1", ns, "rules", "deploy-on-push");
        KubectlResult done = await delete.WaitAsync(TimeSpan.FromSeconds(30));
        Ok(done);
        Assert.Contains("rule.honeydipper.io \"deploy-on-push\" deleted", done.Stdout);
        Assert.Null(await Rule(ns));
    }

    [Fact]
    public async Task Wait_for_condition_returns_when_the_status_says_Ready()
    {
        string ns = await NamespaceWithSamplesAsync();
        using KubectlTool.Running wait = Kubectl.Start("wait", "--for=condition=Ready", "rule/deploy-on-push", "-n", ns, "--timeout=60s");
        await Poll.UntilAsync(() => fx.Api.Emulator.Requests.Any(r => r.Namespace == ns && r.Verb == "watch" && r.Resource == "rules"), "kubectl to watch the rule");
        Assert.False(wait.HasExited, wait.Output);

        JsonObject condition = new() { ["type"] = "Ready", ["status"] = "True", ["reason"] = "Valid", ["message"] = "ok", ["lastTransitionTime"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) };
        string status = new JsonObject { ["status"] = new JsonObject { ["observedGeneration"] = 1, ["conditions"] = new JsonArray(condition) } }.ToJsonString();
        await fx.Api.Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch(status, V1Patch.PatchType.MergePatch), "honeydipper.io", "v1alpha1", ns, "rules", "deploy-on-push");
        KubectlResult done = await wait.WaitAsync(TimeSpan.FromSeconds(30));
        Ok(done);
        Assert.Contains("rule.honeydipper.io/deploy-on-push condition met", done.Stdout);
        KubectlResult row = await Kubectl.RunAsync("get", "hdr", "deploy-on-push", "-n", ns, "--no-headers");
        Assert.Matches(@"deploy-on-push\s+github\s+push\s+True", row.Stdout);
    }

    [Fact]
    public async Task Apply_again_patches_custom_and_built_in_kinds()
    {
        string ns = await NamespaceWithSamplesAsync();
        string file = Path.Combine(Path.GetTempPath(), $"changed-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(Sample("rule"))).Replace("call_workflow: deploy", "call_workflow: rollback", StringComparison.Ordinal));
        KubectlResult configured = await Kubectl.RunAsync("apply", "-n", ns, "-f", file);
        Ok(configured);
        Assert.Contains("rule.honeydipper.io/deploy-on-push configured", configured.Stdout);
        Assert.Equal("rollback", (await Rule(ns))!["spec"]!["do"]!["call_workflow"]!.GetValue<string>());
        Assert.Equal(2, (await Rule(ns))!["metadata"]!["generation"]!.GetValue<long>());

        string deploy = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1\n      - name: side\n        image: busybox:1\n";
        await File.WriteAllTextAsync(file, deploy);
        Ok(await Kubectl.RunAsync("apply", "-n", ns, "-f", file));
        await File.WriteAllTextAsync(file, deploy.Replace("busybox:1", "busybox:2", StringComparison.Ordinal));
        KubectlResult updated = await Kubectl.RunAsync("apply", "-n", ns, "-f", file);
        File.Delete(file);
        Ok(updated);
        V1Deployment d = await fx.Api.Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        Assert.Equal(["nginx:1", "busybox:2"], d.Spec.Template.Spec.Containers.Select(c => c.Image));
    }

    [Fact]
    public async Task Get_watch_streams_changes()
    {
        string ns = fx.Api.NewNamespace("kc");
        using KubectlTool.Running watch = Kubectl.Start("get", "configmaps", "-n", ns, "-w", "-o", "name");
        await Poll.UntilAsync(() => fx.Api.Emulator.Requests.Any(r => r.Namespace == ns && r.Verb == "watch"), "kubectl to start watching");
        await fx.Api.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "seen-by-kubectl" } }, ns);
        await Poll.UntilAsync(() => watch.Output.Contains("configmap/seen-by-kubectl", StringComparison.Ordinal), "kubectl get -w to print the new configmap");
    }

    private async Task<JsonNode?> Rule(string ns)
    {
        (System.Net.HttpStatusCode code, JsonNode? body) = await fx.Api.Raw.GetAsync($"/apis/honeydipper.io/v1alpha1/namespaces/{ns}/rules/deploy-on-push");
        return code == System.Net.HttpStatusCode.OK ? body : null;
    }
}
