namespace Honeydipper.KubeApi.Emulator.Resources;

/// <summary>The built-in kinds the operator, its drivers and its packaging touch (issue 7 and 10).</summary>
internal static class BuiltInResources
{
    public static IEnumerable<ResourceType> All()
    {
        yield return new ResourceType("", "v1", "namespaces", "namespace", "Namespace", false) { ShortNames = ["ns"], HasStatus = true };
        yield return Core("secrets", "secret", "Secret");
        yield return Core("configmaps", "configmap", "ConfigMap") with { ShortNames = ["cm"] };
        yield return Core("serviceaccounts", "serviceaccount", "ServiceAccount") with { ShortNames = ["sa"] };
        yield return Core("services", "service", "Service") with { ShortNames = ["svc"], HasStatus = true, Categories = ["all"] };
        yield return Core("events", "event", "Event") with { ShortNames = ["ev"] };
        yield return Core("pods", "pod", "Pod") with { ShortNames = ["po"], HasStatus = true, Categories = ["all"], ReturnsDeletedObject = true };
        yield return Core("persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim") with { ShortNames = ["pvc"], HasStatus = true, ReturnsDeletedObject = true };
        yield return Core("endpoints", "endpoints", "Endpoints") with { ShortNames = ["ep"] };
        yield return Named("apps", "deployments", "deployment", "Deployment", ["deploy"]);
        yield return Named("apps", "statefulsets", "statefulset", "StatefulSet", ["sts"]);
        yield return Named("apps", "replicasets", "replicaset", "ReplicaSet", ["rs"]);
        yield return Named("batch", "jobs", "job", "Job", []);
        yield return Named("batch", "cronjobs", "cronjob", "CronJob", ["cj"]);
        yield return Named("policy", "poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", ["pdb"]);
        yield return new ResourceType("coordination.k8s.io", "v1", "leases", "lease", "Lease", true);
        yield return new ResourceType("events.k8s.io", "v1", "events", "event", "Event", true) { ShortNames = ["ev"] };
        yield return Rbac("roles", "role", "Role", true);
        yield return Rbac("rolebindings", "rolebinding", "RoleBinding", true);
        yield return Rbac("clusterroles", "clusterrole", "ClusterRole", false);
        yield return Rbac("clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false);
        yield return new ResourceType("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", false)
        {
            ShortNames = ["crd", "crds"],
            HasStatus = true,
            HasGeneration = true,
            Categories = ["api-extensions"],
        };
    }

    private static ResourceType Core(string plural, string singular, string kind) => new("", "v1", plural, singular, kind, true);

    private static ResourceType Named(string group, string plural, string singular, string kind, IReadOnlyList<string> shortNames) =>
        new(group, "v1", plural, singular, kind, true) { ShortNames = shortNames, HasStatus = true, HasGeneration = true, Categories = group == "policy" ? [] : ["all"] };

    private static ResourceType Rbac(string plural, string singular, string kind, bool namespaced) =>
        new("rbac.authorization.k8s.io", "v1", plural, singular, kind, namespaced);
}
