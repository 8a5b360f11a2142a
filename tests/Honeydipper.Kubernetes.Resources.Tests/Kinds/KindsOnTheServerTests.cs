using System.Net;
using System.Text.Json;
using Honeydipper.KubeApi.Emulator;
using Honeydipper.Kubernetes.Resources.ConfigRepos;
using Honeydipper.Kubernetes.Resources.Drivers;
using Honeydipper.Kubernetes.Resources.Generation;
using Honeydipper.Kubernetes.Resources.Rules;
using Honeydipper.Kubernetes.Resources.Workflows;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Honeydipper.Kubernetes.Resources.Tests.Kinds;

/// <summary>The C# kinds against a server that enforces the generated CRDs: defaults, validation, round trips.</summary>
public sealed class KindsOnTheServerTests : IAsyncLifetime
{
    private KubeApiEmulator emulator = null!;
    private k8s.Kubernetes client = null!;
    private int namespaces;

    public async Task InitializeAsync()
    {
        emulator = await KubeApiEmulator.StartAsync();
        client = emulator.CreateClient();
        foreach (V1CustomResourceDefinition crd in CrdGenerator.GenerateAll())
        {
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd);
        }
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await emulator.DisposeAsync();
    }

    private string NewNamespace()
    {
        string ns = $"kinds-{Interlocked.Increment(ref namespaces)}";
        emulator.CreateNamespace(ns);
        return ns;
    }

    /// <summary>A sample manifest as JSON, read with the engine's YAML reader (typed scalars, as kubectl reads them).</summary>
    private static JsonElement Sample(string file) =>
        JsonSerializer.SerializeToElement(Honeydipper.Core.Yaml.GoYaml.Parse(File.ReadAllText(Path.Combine(RepoPaths.RepoRoot, "config", "samples", file)), file));

    private async Task<T> CreateAsync<T>(T obj, string plural, string ns)
        where T : IKubernetesObject =>
        await client.CustomObjects.CreateNamespacedCustomObjectAsync<T>(obj, HoneydipperApi.Group, HoneydipperApi.Version, ns, plural);

    [Fact]
    public async Task The_server_fills_the_schema_defaults()
    {
        string ns = NewNamespace();
        string json = """{"apiVersion":"honeydipper.io/v1alpha1","kind":"ConfigRepo","metadata":{"name":"r"},"spec":{"url":"https://example.com/config.git"}}""";
        ConfigRepo created = await client.CustomObjects.CreateNamespacedCustomObjectAsync<ConfigRepo>(JsonDocument.Parse(json).RootElement, HoneydipperApi.Group, HoneydipperApi.Version, ns, "configrepos");
        Assert.Equal(("main", "/", "init.yaml", "1m", true, false), (created.Spec.Branch, created.Spec.Path, created.Spec.InitFile, created.Spec.Interval, created.Spec.Prune, created.Spec.Suspend));
    }

    [Fact]
    public async Task A_rule_without_when_is_refused_with_the_field_path()
    {
        string ns = NewNamespace();
        Rule rule = new() { Metadata = new V1ObjectMeta { Name = "r" } };
        HttpOperationException e = await Assert.ThrowsAsync<HttpOperationException>(() => CreateAsync(rule, "rules", ns));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, e.Response.StatusCode);
        Assert.Contains("spec.when: Required value", e.Response.Content);
    }

    [Fact]
    public async Task A_driver_of_an_unknown_type_or_bad_port_is_refused()
    {
        string ns = NewNamespace();
        Driver driver = new() { Metadata = new V1ObjectMeta { Name = "d" }, Spec = new DriverSpec { Type = "carrier-pigeon", Service = new DriverService { Port = 70000 } } };
        HttpOperationException e = await Assert.ThrowsAsync<HttpOperationException>(() => CreateAsync(driver, "drivers", ns));
        Assert.Contains("spec.type: Unsupported value: \\\"carrier-pigeon\\\"", e.Response.Content);
        Assert.Contains("spec.service.port: Invalid value: 70000", e.Response.Content);
    }

    [Fact]
    public async Task A_workflow_keeps_every_workflow_key_and_free_form_data_through_the_server()
    {
        string ns = NewNamespace();
        Workflow sample = KubernetesJson.Deserialize<Workflow>(Sample("workflow.yaml").GetRawText());
        string extra = """{"while":["$ctx.more"],"export_on_success":{"done":true}}""";
        Workflow workflow = new()
        {
            Metadata = new V1ObjectMeta { Name = sample.Metadata.Name },
            Spec = sample.Spec with { Other = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(extra) },
        };
        Workflow created = await CreateAsync(workflow, "workflows", ns);

        Assert.Equal(20, created.Spec.RunHistory);
        Assert.Equal(2, created.Spec.Steps!.Value.GetArrayLength());
        Assert.Equal("kubernetes.recycleDeployment", created.Spec.Steps.Value[0].GetProperty("call_function").GetString());
        Assert.Equal("$ctx.more", created.Spec.Other!["while"][0].GetString());
        Assert.True(created.Spec.Other["export_on_success"].GetProperty("done").GetBoolean());
    }

    [Fact]
    public async Task Every_sample_is_accepted_by_its_CRD()
    {
        string ns = NewNamespace();
        foreach (string file in Directory.GetFiles(Path.Combine(RepoPaths.RepoRoot, "config", "samples"), "*.yaml"))
        {
            JsonElement json = Sample(Path.GetFileName(file));
            string kind = json.GetProperty("kind").GetString()!;
            string plural = CrdGenerator.GenerateAll().Single(c => c.Spec.Names.Kind == kind).Spec.Names.Plural;
            JsonElement created = await client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonElement>(json, HoneydipperApi.Group, HoneydipperApi.Version, ns, plural);
            Assert.Equal(kind, created.GetProperty("kind").GetString());
        }
    }

    [Fact]
    public async Task Status_written_through_the_subresource_reads_back_typed()
    {
        string ns = NewNamespace();
        Rule rule = new() { Metadata = new V1ObjectMeta { Name = "r" }, Spec = new RuleSpec { When = JsonDocument.Parse("""{"driver":"webhook"}""").RootElement } };
        Rule created = await CreateAsync(rule, "rules", ns);
        created.Status = new RuleStatus
        {
            ObservedGeneration = 1,
            TriggerCount = 3,
            LastTriggered = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            Conditions = [new V1Condition { Type = "Ready", Status = "True", Reason = "Valid", Message = "", LastTransitionTime = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc) }],
        };
        Rule updated = await client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync<Rule>(created, HoneydipperApi.Group, HoneydipperApi.Version, ns, "rules", "r");
        Assert.Equal(3, updated.Status!.TriggerCount);
        Assert.Equal("Ready", Assert.Single(updated.Status.Conditions!).Type);
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), updated.Status.LastTriggered);
    }
}
