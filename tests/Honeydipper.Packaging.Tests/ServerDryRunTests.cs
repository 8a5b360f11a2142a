using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator;
using k8s;
using k8s.Models;

namespace Honeydipper.Packaging.Tests;

/// <summary>
/// The rendered chart applied as a person without Helm in the cluster would (helm template | kubectl apply), to the
/// Kubernetes API emulator with --dry-run=server: the API server checks every object and stores none.
/// </summary>
public sealed class ServerDryRunTests
{
    [Theory]
    [InlineData("default")]
    [InlineData("production")]
    public async Task The_rendered_manifests_pass_kubectl_apply_dry_run_server(string values)
    {
        await using KubeApiEmulator emulator = await KubeApiEmulator.StartAsync();
        using Kubernetes client = emulator.CreateClient();
        string dir = Directory.CreateTempSubdirectory("hd-chart-").FullName;
        try
        {
            emulator.CreateNamespace(Chart.ReleaseNamespace);
            if (values == "production")
            {
                emulator.CreateNamespace("ops");
                emulator.CreateNamespace("batch");
                await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(ServiceMonitorCrd()); // as a cluster with the Prometheus Operator has
            }

            string manifests = Path.Combine(dir, "honeydipper.yaml");
            await File.WriteAllTextAsync(manifests, await Chart.TemplateAsync(values));
            string kubeconfig = emulator.WriteKubeconfig(Path.Combine(dir, "kubeconfig"));
            ToolResult apply = await Tool.RunAsync(Tool.Kubectl, ["--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(dir, "cache"), "apply", "--dry-run=server", "-f", manifests]);

            Assert.True(apply.ExitCode == 0, apply.ToString());
            RenderedObjects rendered = RenderedObjects.From(await File.ReadAllTextAsync(manifests));
            string[] lines = apply.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(rendered.All.Count, lines.Length);
            Assert.All(lines, l => Assert.EndsWith("created (server dry run)", l, StringComparison.Ordinal));
            Assert.Empty((await client.AppsV1.ListNamespacedDeploymentAsync(Chart.ReleaseNamespace)).Items);
            Assert.Empty((await client.RbacAuthorizationV1.ListClusterRoleAsync()).Items);
            Assert.Contains(emulator.Requests, r => r.Verb == "create" && r.Resource == "deployments" && r.Namespace == Chart.ReleaseNamespace);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A ServiceMonitor definition as loose as needed to accept what the chart renders.</summary>
    private static V1CustomResourceDefinition ServiceMonitorCrd() => KubernetesJson.Deserialize<V1CustomResourceDefinition>(new JsonObject
    {
        ["apiVersion"] = "apiextensions.k8s.io/v1",
        ["kind"] = "CustomResourceDefinition",
        ["metadata"] = new JsonObject { ["name"] = "servicemonitors.monitoring.coreos.com" },
        ["spec"] = new JsonObject
        {
            ["group"] = "monitoring.coreos.com",
            ["scope"] = "Namespaced",
            ["names"] = new JsonObject { ["kind"] = "ServiceMonitor", ["listKind"] = "ServiceMonitorList", ["plural"] = "servicemonitors", ["singular"] = "servicemonitor" },
            ["versions"] = new JsonArray(new JsonObject
            {
                ["name"] = "v1",
                ["served"] = true,
                ["storage"] = true,
                ["schema"] = new JsonObject { ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true } },
            }),
        },
    }.ToJsonString());
}
