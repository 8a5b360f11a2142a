using Honeydipper.KubeApi.Emulator.Rbac;
using k8s;

namespace Honeydipper.KubeApi.Emulator.Tests.Rbac;

/// <summary>RBAC decisions as kube-apiserver makes them, over manifests as people write them.</summary>
public sealed class RbacPolicyTests
{
    private const string Bot = "system:serviceaccount:apps:bot";

    private static readonly RbacPolicy Policy = new(KubernetesYaml.LoadAllFromString("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: reader}
        rules:
          - apiGroups: [""]
            resources: [configmaps, pods/log]
            verbs: [get, list]
          - apiGroups: [apps]
            resources: [deployments]
            resourceNames: [web]
            verbs: [patch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: reader}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
        subjects: [{kind: ServiceAccount, name: bot, namespace: apps}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: jobs, namespace: apps}
        rules: [{apiGroups: [batch], resources: [jobs], verbs: [create]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: jobs, namespace: apps}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: jobs}
        subjects: [{kind: Group, name: "system:serviceaccounts:apps"}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: everything-on-widgets}
        rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: view}
        aggregationRule:
          clusterRoleSelectors: [{matchLabels: {aggregate-to-view: "true"}}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: widget-view, labels: {aggregate-to-view: "true"}}
        rules: [{apiGroups: [example.io], resources: [widgets], verbs: [get]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: ada-views, namespace: team}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        subjects: [{kind: User, name: ada}]
        """));

    [Theory]
    [InlineData(Bot, "get", "", "configmaps", null, "any", "elsewhere", true)]
    [InlineData(Bot, "watch", "", "configmaps", null, null, "elsewhere", false)]       // verb not granted
    [InlineData(Bot, "get", "", "pods", "log", "p", "apps", true)]                      // resource/subresource
    [InlineData(Bot, "get", "", "pods", null, "p", "apps", false)]                      // the subresource does not grant the resource
    [InlineData(Bot, "patch", "apps", "deployments", null, "web", "apps", true)]        // resourceNames
    [InlineData(Bot, "patch", "apps", "deployments", null, "db", "apps", false)]
    [InlineData(Bot, "create", "batch", "jobs", null, null, "apps", true)]              // Role through the namespace's service-account group
    [InlineData(Bot, "create", "batch", "jobs", null, null, "other", false)]            // a Role binds in its namespace only
    [InlineData("system:serviceaccount:other:bot", "create", "batch", "jobs", null, null, "apps", false)]
    [InlineData("ada", "get", "example.io", "widgets", null, "w", "team", true)]       // aggregated ClusterRole via RoleBinding
    [InlineData("ada", "get", "example.io", "widgets", null, "w", "elsewhere", false)]
    [InlineData(null, "get", "", "configmaps", null, "any", "apps", false)]             // no credentials, no rules
    public void Decides_as_kube_apiserver_does(string? user, string verb, string group, string resource, string? subresource, string? name, string ns, bool allowed)
    {
        Assert.Equal(allowed, Policy.Allows(new RecordedRequest(verb, group, "v1", resource, subresource, ns, name, user)));
    }

    [Fact]
    public void Wildcards_match_every_verb_group_and_resource()
    {
        Assert.True(RbacPolicy.Matches(Policy.ClusterRoleRules("everything-on-widgets").Single(), new RecordedRequest("deletecollection", "example.io", "v1", "widgets", "status", "x", null)));
    }

    [Fact]
    public void Rules_for_a_user_name_the_role_they_come_from()
    {
        Assert.Equal(["ClusterRole/reader", "ClusterRole/reader", "Role/jobs"], Policy.RulesFor(Bot, "apps").Select(g => g.Role));
        Assert.Equal(["ClusterRole/view"], Policy.RulesFor("ada", "team").Select(g => g.Role));
    }
}
