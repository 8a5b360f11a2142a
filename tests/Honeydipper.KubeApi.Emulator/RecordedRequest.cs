namespace Honeydipper.KubeApi.Emulator;

/// <summary>
/// One resource request as RBAC sees it (verb, group, resource, subresource, namespace, name), recorded so that
/// tests can check which calls a component makes.
/// </summary>
public sealed record RecordedRequest(string Verb, string Group, string Version, string Resource, string? Subresource, string? Namespace, string? Name);
