using k8s.Models;

namespace Honeydipper.KubeApi.Emulator.Rbac;

/// <summary>A rule in force for a user, with the role that holds it and the namespace it applies in (null: everywhere).</summary>
public sealed record GrantedRule(string Role, string? Namespace, V1PolicyRule Rule);
