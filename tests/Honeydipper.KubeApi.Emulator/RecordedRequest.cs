namespace Honeydipper.KubeApi.Emulator;

/// <summary>
/// One authorization check as RBAC sees it (verb, group, resource, subresource, namespace, name), recorded so that
/// tests can check which calls a component makes and what permissions they need. Most are the resource requests
/// themselves; <paramref name="Admission"/> names the admission plugin when kube-apiserver makes the check on the
/// request's behalf (setting <c>blockOwnerDeletion</c> needs <c>update</c> on the owner's <c>finalizers</c>).
/// </summary>
/// <param name="User">Who asked: the bearer token's text (the emulator trusts every token and takes it as the user's
/// name); null for a request without credentials.</param>
public sealed record RecordedRequest(string Verb, string Group, string Version, string Resource, string? Subresource, string? Namespace, string? Name, string? User = null, string? Admission = null)
{
    /// <summary><c>resource</c> or <c>resource/subresource</c>, as RBAC rules name it.</summary>
    public string ResourcePath => Subresource is null ? Resource : $"{Resource}/{Subresource}";
}
