using System.Net;
using System.Text.Json.Nodes;
using Honeydipper.KubeApi.Emulator.Tests.Support;
using k8s;
using k8s.Models;

namespace Honeydipper.KubeApi.Emulator.Tests.Api;

/// <summary>Finalizers and deletionTimestamp, preconditions, and ownerReference garbage collection.</summary>
public sealed class LifecycleTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task A_finalizer_holds_a_deleted_object_until_it_is_removed()
    {
        await fx.EnsureWidgetsAsync();
        string ns = fx.NewNamespace();
        JsonObject w = TestCrds.Widget("w");
        w["metadata"]!["finalizers"] = new JsonArray("test.honeydipper.io/cleanup");
        await fx.Raw.PostAsync(TestCrds.Widgets(ns), w);

        (HttpStatusCode code, JsonNode? deleting) = await fx.Raw.DeleteAsync(TestCrds.Widgets(ns, "w"));
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.NotNull(deleting!["metadata"]!["deletionTimestamp"]);
        (_, JsonNode? still) = await fx.Raw.GetAsync(TestCrds.Widgets(ns, "w"));
        Assert.NotNull(still!["metadata"]!["deletionTimestamp"]);

        (code, JsonNode? body) = await fx.Raw.PatchAsync(TestCrds.Widgets(ns, "w"), JsonNode.Parse("""{"metadata":{"finalizers":["test.honeydipper.io/cleanup","another"]}}""")!);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Contains("no new finalizers can be added if the object is being deleted", body!["message"]!.GetValue<string>());

        (code, _) = await fx.Raw.PatchAsync(TestCrds.Widgets(ns, "w"), JsonNode.Parse("""{"metadata":{"finalizers":null}}""")!);
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(HttpStatusCode.NotFound, (await fx.Raw.GetAsync(TestCrds.Widgets(ns, "w"))).Code);
    }

    [Fact]
    public async Task Delete_preconditions_on_uid_and_resourceVersion()
    {
        string ns = fx.NewNamespace();
        V1ConfigMap cm = await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" } }, ns);
        (HttpStatusCode code, JsonNode? body) = await fx.Raw.DeleteAsync($"/api/v1/namespaces/{ns}/configmaps/c", new JsonObject { ["preconditions"] = new JsonObject { ["uid"] = "other" } });
        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Contains("Precondition failed: UID in precondition: other", body!["message"]!.GetValue<string>());
        (code, body) = await fx.Raw.DeleteAsync($"/api/v1/namespaces/{ns}/configmaps/c", new JsonObject { ["preconditions"] = new JsonObject { ["uid"] = cm.Metadata.Uid } });
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Success", body!["status"]!.GetValue<string>());
    }

    private async Task<(string Ns, V1ConfigMap Owner)> OwnerWithDependentsAsync(int dependents)
    {
        string ns = fx.NewNamespace();
        V1ConfigMap owner = await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner" } }, ns);
        for (int i = 0; i < dependents; i++)
        {
            V1OwnerReference reference = new() { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid, Controller = true };
            await fx.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = $"dep-{i}", OwnerReferences = [reference] } }, ns);
        }

        return (ns, owner);
    }

    [Fact]
    public async Task Background_garbage_collection_deletes_dependents_of_a_deleted_owner()
    {
        (string ns, _) = await OwnerWithDependentsAsync(3);
        await fx.Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns);
        await Poll.UntilAsync(async () => (await fx.Client.CoreV1.ListNamespacedSecretAsync(ns)).Items.Count == 0, "the dependents to be collected");
    }

    [Fact]
    public async Task Orphan_propagation_keeps_dependents_without_the_reference()
    {
        (string ns, _) = await OwnerWithDependentsAsync(1);
        await fx.Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns, propagationPolicy: "Orphan");
        V1Secret kept = await fx.Client.CoreV1.ReadNamespacedSecretAsync("dep-0", ns);
        Assert.Empty(kept.Metadata.OwnerReferences ?? []);
    }

    [Fact]
    public async Task A_dependent_with_a_live_second_owner_only_loses_the_dead_reference()
    {
        (string ns, V1ConfigMap owner) = await OwnerWithDependentsAsync(0);
        V1ConfigMap other = await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "other" } }, ns);
        V1OwnerReference[] refs =
        [
            new() { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid },
            new() { ApiVersion = "v1", Kind = "ConfigMap", Name = "other", Uid = other.Metadata.Uid },
        ];
        await fx.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "shared", OwnerReferences = refs } }, ns);
        await fx.Client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns);
        await Poll.UntilAsync(async () => (await fx.Client.CoreV1.ReadNamespacedSecretAsync("shared", ns)).Metadata.OwnerReferences?.Count == 1, "the dead owner reference to be removed");
        Assert.Equal("other", (await fx.Client.CoreV1.ReadNamespacedSecretAsync("shared", ns)).Metadata.OwnerReferences[0].Name);
    }
}
