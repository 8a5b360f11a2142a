namespace Honeydipper.Kubernetes.Resources.Generation;

/// <summary>
/// Descriptions (and required fields) of the Kubernetes types our kinds embed. The client's model classes carry
/// no attributes, and its XML documentation is 25 MB, so the few we need are written down here; the generator
/// fails on any embedded field missing from this table, so it cannot fall out of date silently.
/// </summary>
internal static class KubernetesFieldDocs
{
    private static readonly Dictionary<string, (string Description, bool Required)> Fields = new(StringComparer.Ordinal)
    {
        ["V1EnvVar.name"] = ("Name of the environment variable.", true),
        ["V1EnvVar.value"] = ("Value of the variable; $(VAR) references to earlier variables are expanded.", false),
        ["V1EnvVar.valueFrom"] = ("Source of the value (a ConfigMap or Secret key, a field of the pod, a resource); not with value.", false),
        ["V1EnvVarSource.configMapKeyRef"] = ("A key of a ConfigMap.", false),
        ["V1EnvVarSource.fieldRef"] = ("A field of the pod: metadata.name, metadata.namespace, metadata.labels['<KEY>'], spec.nodeName, status.podIP, ...", false),
        ["V1EnvVarSource.fileKeyRef"] = ("A key of an env file in a volume of the pod.", false),
        ["V1EnvVarSource.resourceFieldRef"] = ("A resource limit or request of the container.", false),
        ["V1EnvVarSource.secretKeyRef"] = ("A key of a Secret in the pod's namespace.", false),
        ["V1FileKeySelector.key"] = ("The key in the env file.", true),
        ["V1FileKeySelector.optional"] = ("Whether the file or key may be missing.", false),
        ["V1FileKeySelector.path"] = ("Path of the env file inside the volume.", true),
        ["V1FileKeySelector.volumeName"] = ("Name of the volume that holds the env file.", true),
        ["V1ConfigMapKeySelector.key"] = ("The key to select.", true),
        ["V1ConfigMapKeySelector.name"] = ("Name of the ConfigMap.", false),
        ["V1ConfigMapKeySelector.optional"] = ("Whether the ConfigMap or its key may be missing.", false),
        ["V1SecretKeySelector.key"] = ("The key of the Secret to select.", true),
        ["V1SecretKeySelector.name"] = ("Name of the Secret.", false),
        ["V1SecretKeySelector.optional"] = ("Whether the Secret or its key may be missing.", false),
        ["V1ObjectFieldSelector.apiVersion"] = ("Version of the schema the field path is written in; v1 by default.", false),
        ["V1ObjectFieldSelector.fieldPath"] = ("Path of the field to select in that version.", true),
        ["V1ResourceFieldSelector.containerName"] = ("Container name; required for volumes, optional for env vars.", false),
        ["V1ResourceFieldSelector.divisor"] = ("Output format of the exposed resources; 1 by default.", false),
        ["V1ResourceFieldSelector.resource"] = ("Resource to select (limits.cpu, requests.memory, ...).", true),
        ["V1EnvFromSource.configMapRef"] = ("The ConfigMap to take variables from.", false),
        ["V1EnvFromSource.prefix"] = ("A prefix to put before every key.", false),
        ["V1EnvFromSource.secretRef"] = ("The Secret to take variables from.", false),
        ["V1ConfigMapEnvSource.name"] = ("Name of the ConfigMap.", false),
        ["V1ConfigMapEnvSource.optional"] = ("Whether the ConfigMap may be missing.", false),
        ["V1SecretEnvSource.name"] = ("Name of the Secret.", false),
        ["V1SecretEnvSource.optional"] = ("Whether the Secret may be missing.", false),
        ["V1ResourceRequirements.claims"] = ("Dynamically allocated resources (DRA) the container uses, by claim name.", false),
        ["V1ResourceRequirements.limits"] = ("Maximum compute resources allowed (cpu, memory, ...).", false),
        ["V1ResourceRequirements.requests"] = ("Minimum compute resources required (cpu, memory, ...); defaults to limits when absent.", false),
        ["Corev1ResourceClaim.name"] = ("Name of one entry of the pod's resourceClaims.", true),
        ["Corev1ResourceClaim.request"] = ("Name of one request in the referenced claim.", false),
        ["V1Condition.lastTransitionTime"] = ("When the condition last changed from one status to another.", true),
        ["V1Condition.message"] = ("Details of the transition, for people; may be empty.", true),
        ["V1Condition.observedGeneration"] = ("The metadata.generation the condition was set for.", false),
        ["V1Condition.reason"] = ("Why the condition last changed, in CamelCase.", true),
        ["V1Condition.status"] = ("True, False or Unknown.", true),
        ["V1Condition.type"] = ("Type of the condition, in CamelCase (Ready, Invalid, Completed, ...).", true),
    };

    public static (string Description, bool Required) Lookup(Type owner, string field) =>
        Fields.TryGetValue($"{owner.Name}.{field}", out (string, bool) doc)
            ? doc
            : throw new InvalidOperationException($"no description for {owner.Name}.{field}: add it to {nameof(KubernetesFieldDocs)}");
}
