using Honeydipper.KubeApi.Emulator;
using Honeydipper.KubeApi.Emulator.Rbac;
using k8s;
using k8s.Models;

namespace Honeydipper.Packaging.Tests;

/// <summary>config/rbac's roles for people and for kubernetes Drivers, decided as kube-apiserver's RBAC would.</summary>
public sealed class UserAndDriverRoleTests
{
    /// <summary>The built-in roles as Kubernetes defines them: aggregated from ClusterRoles with these labels.</summary>
    private const string BuiltInRoles = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: view}
        aggregationRule: {clusterRoleSelectors: [{matchLabels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}}]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: edit}
        aggregationRule: {clusterRoleSelectors: [{matchLabels: {rbac.authorization.k8s.io/aggregate-to-edit: "true"}}]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: viewers, namespace: team}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        subjects: [{kind: User, name: viewer}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: editors, namespace: team}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
        subjects: [{kind: User, name: editor}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: hd-k8s-kubernetes, namespace: team}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: honeydipper-driver-kubernetes}
        subjects: [{kind: ServiceAccount, name: hd-k8s, namespace: team}]
        """;

    private static readonly RbacPolicy Policy = new([.. KubernetesYaml.LoadAllFromString(BuiltInRoles), .. ConfigRbac()]);

    public static TheoryData<string> Kinds() => [.. Directory.GetFiles(Path.Combine(RepoPaths.RepoRoot, "config", "crd"), "*.yaml")
        .Select(f => KubernetesYaml.Deserialize<V1CustomResourceDefinition>(File.ReadAllText(f)).Spec.Names.Plural)];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Namespace_viewers_read_every_Honeydipper_kind_and_editors_change_it_but_neither_writes_status(string plural)
    {
        Assert.True(Allowed("viewer", "list", plural) && Allowed("viewer", "watch", plural) && Allowed("viewer", "get", plural, "status"));
        Assert.False(Allowed("viewer", "create", plural));
        foreach (string verb in (string[])["create", "update", "patch", "delete", "deletecollection", "get", "list", "watch"])
        {
            Assert.True(Allowed("editor", verb, plural), $"edit should allow {verb} {plural}");
        }

        Assert.False(Allowed("editor", "update", plural, "status"));     // status is the operator's
        Assert.False(Allowed("editor", "list", plural, ns: "elsewhere")); // a tenant's namespace only
    }

    [Theory]
    [InlineData("create", "batch", "jobs", null, true)]
    [InlineData("watch", "batch", "jobs", null, true)]
    [InlineData("delete", "batch", "jobs", null, true)]
    [InlineData("get", "batch", "cronjobs", null, true)]
    [InlineData("get", "", "pods", "log", true)]
    [InlineData("list", "", "pods", null, true)]
    [InlineData("get", "apps", "deployments", null, true)]
    [InlineData("delete", "apps", "replicasets", null, true)]
    [InlineData("create", "", "persistentvolumeclaims", null, true)]
    [InlineData("get", "", "secrets", null, false)]
    [InlineData("create", "", "pods", null, false)]
    [InlineData("update", "apps", "deployments", null, false)]
    public void A_kubernetes_Driver_bound_in_its_namespace_runs_Jobs_and_recycles_Deployments_there_and_nothing_else(string verb, string group, string resource, string? subresource, bool allowed)
    {
        const string driver = "system:serviceaccount:team:hd-k8s";
        Assert.Equal(allowed, Policy.Allows(new RecordedRequest(verb, group, "v1", resource, subresource, "team", "x", driver)));
        Assert.False(Policy.Allows(new RecordedRequest(verb, group, "v1", resource, subresource, "elsewhere", "x", driver)));
    }

    private static bool Allowed(string user, string verb, string plural, string? subresource = null, string ns = "team") =>
        Policy.Allows(new RecordedRequest(verb, "honeydipper.io", "v1alpha1", plural, subresource, ns, verb is "create" or "list" or "watch" or "deletecollection" ? null : "x", user));

    private static IEnumerable<object> ConfigRbac() =>
        Directory.GetFiles(Path.Combine(RepoPaths.RepoRoot, "config", "rbac"), "*.yaml").Where(f => !f.EndsWith("kustomization.yaml", StringComparison.Ordinal))
            .SelectMany(f => KubernetesYaml.LoadAllFromString(File.ReadAllText(f)));
}
