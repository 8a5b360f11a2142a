using Honeydipper.KubeApi.Emulator.Tests.Support;
using k8s;
using k8s.Models;

namespace Honeydipper.KubeApi.Emulator.Tests.Api;

/// <summary>What the request log tells an RBAC test: who asked, and the checks admission makes on a request's behalf.</summary>
public sealed class AuthorizationRecordTests(EmulatorFixture fx) : IClassFixture<EmulatorFixture>
{
    private const string Operator = "system:serviceaccount:honeydipper-system:honeydipper-operator";

    [Fact]
    public async Task The_bearer_token_is_recorded_as_the_user_and_a_client_without_one_as_nobody()
    {
        string ns = fx.NewNamespace();
        using Kubernetes asOperator = fx.Emulator.CreateClient(Operator);
        await asOperator.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "mine" } }, ns);
        await fx.Client.CoreV1.ReadNamespacedConfigMapAsync("mine", ns);

        Assert.Equal([("create", Operator), ("get", null)], fx.Emulator.Requests.Where(r => r.Namespace == ns).Select(r => (r.Verb, r.User)));
    }

    [Fact]
    public async Task Setting_blockOwnerDeletion_is_checked_as_update_on_the_owners_finalizers_and_changing_owners_as_delete()
    {
        string ns = fx.NewNamespace();
        using Kubernetes asOperator = fx.Emulator.CreateClient(Operator);
        V1ConfigMap owner = await fx.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner" } }, ns);
        V1OwnerReference reference = new() { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid, BlockOwnerDeletion = true, Controller = true };

        V1Secret created = await asOperator.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "owned", OwnerReferences = [reference] } }, ns);
        created.StringData = new Dictionary<string, string> { ["k"] = "v" };
        await asOperator.CoreV1.ReplaceNamespacedSecretAsync(created, "owned", ns);                 // same owners: no check
        await asOperator.CoreV1.PatchNamespacedSecretAsync(new V1Patch("""{"metadata":{"ownerReferences":null}}""", V1Patch.PatchType.MergePatch), "owned", ns);

        List<string> seen = [.. fx.Emulator.Requests.Where(r => r.Namespace == ns && r.User == Operator).Select(r => $"{r.Verb} {r.ResourcePath}/{r.Name} {r.Admission}".TrimEnd())];
        Assert.Equal(
            [
                "create secrets/",
                "update configmaps/finalizers/owner OwnerReferencesPermissionEnforcement",
                "update secrets/owned",
                "patch secrets/owned",
                "delete secrets/owned OwnerReferencesPermissionEnforcement",
            ],
            seen);
    }
}
