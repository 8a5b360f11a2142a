using System.Net;
using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Tests.Support;
using k8s;
using k8s.Models;

namespace Honeydipper.KubeApi.Emulator.Tests.Api;

/// <summary>Merge patch, JSON patch and strategic merge patch.</summary>
public sealed class PatchTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task Merge_patch_merges_maps_replaces_lists_and_deletes_nulls()
    {
        await fx.EnsureWidgetsAsync();
        string ns = fx.NewNamespace();
        await fx.Raw.PostAsync(TestCrds.Widgets(ns), TestCrds.Widget("w", extraSpec: new JsonObject { ["tags"] = new JsonArray("a", "b"), ["code"] = "ABC" }));
        (HttpStatusCode code, JsonNode? body) = await fx.Raw.PatchAsync(TestCrds.Widgets(ns, "w"), JsonNode.Parse("""{"spec":{"tags":["c"],"code":null,"color":"blue"}}""")!);
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("""["c"]""", body!["spec"]!["tags"]!.ToJsonString());
        Assert.Null(body["spec"]!["code"]);
        Assert.Equal("blue", body["spec"]!["color"]!.GetValue<string>());
        Assert.Equal(2, body["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Json_patch_applies_operations_and_fails_a_test_operation()
    {
        await fx.EnsureWidgetsAsync();
        string ns = fx.NewNamespace();
        await fx.Raw.PostAsync(TestCrds.Widgets(ns), TestCrds.Widget("w", extraSpec: new JsonObject { ["tags"] = new JsonArray("a") }));
        (HttpStatusCode code, JsonNode? body) = await fx.Raw.PatchAsync(TestCrds.Widgets(ns, "w"), JsonNode.Parse("""[{"op":"add","path":"/spec/tags/-","value":"b"},{"op":"replace","path":"/spec/color","value":"green"}]""")!, "application/json-patch+json");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("""["a","b"]""", body!["spec"]!["tags"]!.ToJsonString());

        (code, _) = await fx.Raw.PatchAsync(TestCrds.Widgets(ns, "w"), JsonNode.Parse("""[{"op":"test","path":"/spec/color","value":"red"},{"op":"replace","path":"/spec/color","value":"blue"}]""")!, "application/json-patch+json");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("green", (await fx.Raw.GetAsync(TestCrds.Widgets(ns, "w"))).Body!["spec"]!["color"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_patch_naming_a_stale_resourceVersion_is_409()
    {
        await fx.EnsureWidgetsAsync();
        string ns = fx.NewNamespace();
        await fx.Raw.PostAsync(TestCrds.Widgets(ns), TestCrds.Widget("w"));
        (HttpStatusCode code, _) = await fx.Raw.PatchAsync(TestCrds.Widgets(ns, "w"), JsonNode.Parse("""{"metadata":{"resourceVersion":"1"},"spec":{"color":"blue"}}""")!);
        Assert.Equal(HttpStatusCode.Conflict, code);
    }

    [Fact]
    public async Task Concurrent_patches_without_a_resourceVersion_all_apply_as_kube_apiserver_retries_them()
    {
        await fx.EnsureWidgetsAsync();
        string ns = fx.NewNamespace();
        await fx.Raw.PostAsync(TestCrds.Widgets(ns), TestCrds.Widget("w"));
        (HttpStatusCode Code, JsonNode? Body)[] answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            fx.Raw.PatchAsync(TestCrds.Widgets(ns, "w"), new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { [$"k{i}"] = "v" } } })));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Code));
        JsonObject labels = (await fx.Raw.GetAsync(TestCrds.Widgets(ns, "w"))).Body!["metadata"]!["labels"]!.AsObject();
        Assert.Equal(20, labels.Count(l => l.Key.StartsWith('k')));
    }

    [Fact]
    public async Task A_patch_naming_the_current_resourceVersion_applies()
    {
        await fx.EnsureWidgetsAsync();
        string ns = fx.NewNamespace();
        JsonNode created = (await fx.Raw.PostAsync(TestCrds.Widgets(ns), TestCrds.Widget("w"))).Body!;
        string version = created["metadata"]!["resourceVersion"]!.GetValue<string>();
        (HttpStatusCode code, _) = await fx.Raw.PatchAsync(TestCrds.Widgets(ns, "w"), new JsonObject { ["metadata"] = new JsonObject { ["resourceVersion"] = version }, ["spec"] = new JsonObject { ["color"] = "blue" } });
        Assert.Equal(HttpStatusCode.OK, code);
    }

    [Fact]
    public async Task Strategic_merge_patch_is_refused_for_custom_resources()
    {
        await fx.EnsureWidgetsAsync();
        string ns = fx.NewNamespace();
        await fx.Raw.PostAsync(TestCrds.Widgets(ns), TestCrds.Widget("w"));
        (HttpStatusCode code, JsonNode? body) = await fx.Raw.PatchAsync(TestCrds.Widgets(ns, "w"), JsonNode.Parse("""{"spec":{"color":"blue"}}""")!, "application/strategic-merge-patch+json");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, code);
        Assert.Equal("UnsupportedMediaType", body!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Strategic_merge_patch_merges_containers_by_name_and_env_by_name()
    {
        string ns = fx.NewNamespace();
        V1Deployment deployment = new()
        {
            Metadata = new V1ObjectMeta { Name = "d" },
            Spec = new V1DeploymentSpec
            {
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "d" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "d" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "a", Image = "a:1", Env = [new V1EnvVar { Name = "X", Value = "1" }, new V1EnvVar { Name = "Y", Value = "1" }] }, new V1Container { Name = "b", Image = "b:1" }] },
                },
            },
        };
        await fx.Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);
        string patch = """{"spec":{"template":{"spec":{"containers":[{"name":"b","image":"b:2"},{"name":"a","env":[{"name":"Y","value":"2"},{"name":"X","$patch":"delete"}]}]}}}}""";
        V1Deployment patched = await fx.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), "d", ns);

        IList<V1Container> containers = patched.Spec.Template.Spec.Containers;
        Assert.Equal(["a", "b"], containers.Select(c => c.Name));
        Assert.Equal("a:1", containers[0].Image);
        Assert.Equal("b:2", containers[1].Image);
        Assert.Equal([("Y", "2")], containers[0].Env.Select(e => (e.Name, e.Value)));
        Assert.Equal(2, patched.Metadata.Generation);
    }

    [Fact]
    public async Task Strategic_merge_patch_merges_finalizers_and_honours_setElementOrder()
    {
        string ns = fx.NewNamespace();
        await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", Finalizers = ["one"] } }, ns);
        string patch = """{"metadata":{"finalizers":["two"]}}""";
        V1ConfigMap patched = await fx.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), "c", ns);
        Assert.Equal(["one", "two"], patched.Metadata.Finalizers);

        patch = """{"metadata":{"$deleteFromPrimitiveList/finalizers":["one"]}}""";
        patched = await fx.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(patch, V1Patch.PatchType.StrategicMergePatch), "c", ns);
        Assert.Equal(["two"], patched.Metadata.Finalizers);
    }
}
