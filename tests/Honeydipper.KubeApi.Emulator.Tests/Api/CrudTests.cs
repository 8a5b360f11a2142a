using System.Net;
using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Honeydipper.KubeApi.Emulator.Tests.Api;

/// <summary>Create, read, update and delete as kube-apiserver answers them, through the real client and raw HTTP.</summary>
public sealed class CrudTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Create_sets_server_fields_and_get_returns_the_object()
    {
        string ns = fx.NewNamespace();
        V1ConfigMap created = await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a" }, Data = new Dictionary<string, string> { ["k"] = "v" } }, ns);

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(ns, created.Metadata.NamespaceProperty);
        V1ConfigMap read = await fx.Client.CoreV1.ReadNamespacedConfigMapAsync("a", ns);
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
        Assert.Equal("v", read.Data["k"]);
    }

    [Fact]
    public async Task A_Secrets_stringData_is_stored_as_data_and_wins_over_the_same_key_there()
    {
        string ns = fx.NewNamespace();
        await fx.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "s" },
            Data = new Dictionary<string, byte[]> { ["kept"] = "old"u8.ToArray(), ["token"] = "old"u8.ToArray() },
            StringData = new Dictionary<string, string> { ["token"] = "s3cret" },
        }, ns);

        (HttpStatusCode _, JsonNode? raw) = await fx.Raw.GetAsync($"/api/v1/namespaces/{ns}/secrets/s");
        Assert.Null(raw!["stringData"]);
        V1Secret read = await fx.Client.CoreV1.ReadNamespacedSecretAsync("s", ns);
        Assert.Equal(("old", "s3cret"), (System.Text.Encoding.UTF8.GetString(read.Data["kept"]), System.Text.Encoding.UTF8.GetString(read.Data["token"])));
    }

    [Fact]
    public async Task ResourceVersion_grows_and_a_stale_update_is_409_Conflict()
    {
        string ns = fx.NewNamespace();
        V1ConfigMap first = await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a" } }, ns);
        first.Data = new Dictionary<string, string> { ["x"] = "1" };
        V1ConfigMap second = await fx.Client.CoreV1.ReplaceNamespacedConfigMapAsync(first, "a", ns);
        Assert.True(long.Parse(second.Metadata.ResourceVersion) > long.Parse(first.Metadata.ResourceVersion));

        first.Data["x"] = "2";
        HttpOperationException e = await Assert.ThrowsAsync<HttpOperationException>(() => fx.Client.CoreV1.ReplaceNamespacedConfigMapAsync(first, "a", ns));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        JsonNode status = JsonNode.Parse(e.Response.Content)!;
        Assert.Equal("Conflict", status["reason"]!.GetValue<string>());
        Assert.Equal("Operation cannot be fulfilled on configmaps \"a\": the object has been modified; please apply your changes to the latest version and try again", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_update_that_changes_nothing_keeps_the_resourceVersion()
    {
        string ns = fx.NewNamespace();
        V1ConfigMap created = await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a" }, Data = new Dictionary<string, string> { ["k"] = "v" } }, ns);
        V1ConfigMap same = await fx.Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "a", ns);
        Assert.Equal(created.Metadata.ResourceVersion, same.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Missing_and_duplicate_objects_answer_with_Status_objects()
    {
        string ns = fx.NewNamespace();
        (HttpStatusCode code, JsonNode? body) = await fx.Raw.GetAsync($"/api/v1/namespaces/{ns}/secrets/nope");
        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("Status", body!["kind"]!.GetValue<string>());
        Assert.Equal("NotFound", body["reason"]!.GetValue<string>());
        Assert.Equal("secrets \"nope\" not found", body["message"]!.GetValue<string>());
        Assert.Equal("secrets", body["details"]!["kind"]!.GetValue<string>());
        Assert.Equal(404, body["code"]!.GetValue<int>());

        JsonObject secret = new() { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = new JsonObject { ["name"] = "s" } };
        Assert.Equal(HttpStatusCode.Created, (await fx.Raw.PostAsync($"/api/v1/namespaces/{ns}/secrets", secret)).Code);
        (code, body) = await fx.Raw.PostAsync($"/api/v1/namespaces/{ns}/secrets", secret);
        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("AlreadyExists", body!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Objects_cannot_be_created_in_a_namespace_that_does_not_exist()
    {
        (HttpStatusCode code, JsonNode? body) = await fx.Raw.PostAsync("/api/v1/namespaces/missing-ns/configmaps", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "a" } });
        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("namespaces \"missing-ns\" not found", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task GenerateName_and_list_with_kind_List_and_resourceVersion()
    {
        string ns = fx.NewNamespace();
        for (int i = 0; i < 3; i++)
        {
            await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "gen-" } }, ns);
        }

        (HttpStatusCode code, JsonNode? list) = await fx.Raw.GetAsync($"/api/v1/namespaces/{ns}/configmaps");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("ConfigMapList", list!["kind"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(list["metadata"]!["resourceVersion"]!.GetValue<string>()));
        JsonArray items = list["items"]!.AsArray();
        Assert.Equal(3, items.Count);
        Assert.All(items, i => Assert.Matches("^gen-[a-z0-9]{5}$", i!["metadata"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task List_pages_with_limit_and_continue()
    {
        string ns = fx.NewNamespace();
        for (int i = 0; i < 5; i++)
        {
            await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"cm-{i}" } }, ns);
        }

        V1ConfigMapList page1 = await fx.Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 2);
        V1ConfigMapList page2 = await fx.Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 2, continueParameter: page1.Metadata.ContinueProperty);
        V1ConfigMapList page3 = await fx.Client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 2, continueParameter: page2.Metadata.ContinueProperty);

        Assert.Equal(["cm-0", "cm-1", "cm-2", "cm-3", "cm-4"], page1.Items.Concat(page2.Items).Concat(page3.Items).Select(c => c.Metadata.Name));
        Assert.Equal(3, page1.Metadata.RemainingItemCount);
        Assert.Null(page3.Metadata.ContinueProperty);
    }

    [Fact]
    public async Task Cluster_scoped_namespaces_and_a_delete_answers_with_the_terminating_namespace()
    {
        string ns = fx.NewNamespace();
        V1Namespace read = await fx.Client.CoreV1.ReadNamespaceAsync(ns);
        Assert.Equal("Active", read.Status.Phase);

        await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "inside" } }, ns);
        await fx.Client.CoreV1.DeleteNamespaceAsync(ns);
        await Poll.UntilAsync(async () => (await fx.Raw.GetAsync($"/api/v1/namespaces/{ns}")).Code == HttpStatusCode.NotFound, "the namespace to go once empty");
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Raw.GetAsync($"/api/v1/namespaces/{ns}/configmaps/inside")).Code);
    }

    [Fact]
    public async Task The_written_kubeconfig_works_for_the_client_as_the_operator_will_load_it()
    {
        string ns = fx.NewNamespace();
        string path = Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}");
        fx.Emulator.WriteKubeconfig(path, ns);
        KubernetesClientConfiguration config = KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
        File.Delete(path);
        Assert.Equal(ns, config.Namespace);
        using Kubernetes client = new(config);
        Assert.Contains(ns, (await client.CoreV1.ListNamespaceAsync()).Items.Select(n => n.Metadata.Name));
    }

    [Fact]
    public async Task Names_that_are_not_DNS_subdomains_are_invalid()
    {
        string ns = fx.NewNamespace();
        (HttpStatusCode code, JsonNode? body) = await fx.Raw.PostAsync($"/api/v1/namespaces/{ns}/configmaps", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "_default" } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.StartsWith("ConfigMap \"_default\" is invalid: metadata.name: Invalid value: \"_default\": a lowercase RFC 1123 subdomain", body!["message"]!.GetValue<string>());
        Assert.Equal("metadata.name", body["details"]!["causes"]![0]!["field"]!.GetValue<string>());
    }
}
