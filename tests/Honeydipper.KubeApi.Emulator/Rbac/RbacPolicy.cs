using k8s.Models;

namespace Honeydipper.KubeApi.Emulator.Rbac;

/// <summary>
/// Kubernetes RBAC over a set of Role, ClusterRole, RoleBinding and ClusterRoleBinding objects, as kube-apiserver's
/// authorizer decides: a request is allowed when a rule of a role bound to its user (directly, as a service account,
/// or through a group) matches it. ClusterRoles with an <c>aggregationRule</c> hold the rules of the ClusterRoles their
/// selectors pick, as the controller manager fills them in. Tests use it to check manifests (config/rbac, the Helm
/// chart) against the calls a component really makes (<see cref="KubeApiEmulator.Requests"/>).
/// </summary>
public sealed class RbacPolicy
{
    private readonly List<V1ClusterRole> clusterRoles;
    private readonly List<V1Role> roles;
    private readonly List<V1ClusterRoleBinding> clusterBindings;
    private readonly List<V1RoleBinding> bindings;

    public RbacPolicy(IEnumerable<object> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        List<object> all = [.. objects];
        clusterRoles = [.. all.OfType<V1ClusterRole>()];
        roles = [.. all.OfType<V1Role>()];
        clusterBindings = [.. all.OfType<V1ClusterRoleBinding>()];
        bindings = [.. all.OfType<V1RoleBinding>()];
    }

    /// <summary>The rules in force for a user in a namespace (null: cluster-wide requests), each with the role it comes from.</summary>
    public IReadOnlyList<GrantedRule> RulesFor(string user, string? ns)
    {
        List<GrantedRule> granted = [];
        foreach (V1ClusterRoleBinding binding in clusterBindings.Where(b => Binds(b.Subjects, user)))
        {
            granted.AddRange(ClusterRoleRules(binding.RoleRef.Name).Select(r => new GrantedRule($"ClusterRole/{binding.RoleRef.Name}", null, r)));
        }

        foreach (V1RoleBinding binding in bindings.Where(b => ns is not null && b.Metadata.NamespaceProperty == ns && Binds(b.Subjects, user)))
        {
            IEnumerable<V1PolicyRule> rules = binding.RoleRef.Kind == "ClusterRole"
                ? ClusterRoleRules(binding.RoleRef.Name)
                : roles.Where(r => r.Metadata.Name == binding.RoleRef.Name && r.Metadata.NamespaceProperty == ns).SelectMany(r => r.Rules ?? []);
            granted.AddRange(rules.Select(r => new GrantedRule($"{binding.RoleRef.Kind}/{binding.RoleRef.Name}", ns, r)));
        }

        return granted;
    }

    /// <summary>True when RBAC allows the request for its <see cref="RecordedRequest.User"/>.</summary>
    public bool Allows(RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.User is { } user && RulesFor(user, request.Namespace).Any(g => Matches(g.Rule, request));
    }

    /// <summary>A ClusterRole's rules, or for an aggregated one the rules of every ClusterRole its selectors pick.</summary>
    public IEnumerable<V1PolicyRule> ClusterRoleRules(string name)
    {
        V1ClusterRole? role = clusterRoles.FirstOrDefault(r => r.Metadata.Name == name);
        if (role is null)
        {
            return [];
        }

        if (role.AggregationRule?.ClusterRoleSelectors is not { Count: > 0 } selectors)
        {
            return role.Rules ?? [];
        }

        return clusterRoles.Where(r => r != role && selectors.Any(s => Selects(s, r.Metadata.Labels))).SelectMany(r => r.Rules ?? []);
    }

    /// <summary>One rule against one request: verb, API group, resource (or resource/subresource) and resource name.</summary>
    public static bool Matches(V1PolicyRule rule, RecordedRequest request)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(request);
        return Has(rule.Verbs, request.Verb)
            && Has(rule.ApiGroups, request.Group)
            && (rule.Resources ?? []).Any(r => ResourceMatches(r, request))
            && (rule.ResourceNames is not { Count: > 0 } names || (request.Name is not null && names.Contains(request.Name)));
    }

    private static bool ResourceMatches(string ruleResource, RecordedRequest request) =>
        ruleResource == "*"
        || ruleResource == request.ResourcePath
        || (request.Subresource is not null && (ruleResource == $"*/{request.Subresource}" || ruleResource == $"{request.Resource}/*"));

    private static bool Has(IList<string>? values, string value) => values is not null && (values.Contains("*") || values.Contains(value));

    private static bool Binds(IList<Rbacv1Subject>? subjects, string user) => (subjects ?? []).Any(s => s.Kind switch
    {
        "User" => s.Name == user,
        "ServiceAccount" => user == $"system:serviceaccount:{s.NamespaceProperty}:{s.Name}",
        "Group" => GroupsOf(user).Contains(s.Name),
        _ => false,
    });

    /// <summary>The groups kube-apiserver puts a user in: every authenticated user, and service accounts by namespace.</summary>
    private static IEnumerable<string> GroupsOf(string user)
    {
        yield return "system:authenticated";
        string[] parts = user.Split(':');
        if (parts is ["system", "serviceaccount", string ns, _])
        {
            yield return "system:serviceaccounts";
            yield return $"system:serviceaccounts:{ns}";
        }
    }

    private static bool Selects(V1LabelSelector selector, IDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        bool matchLabels = (selector.MatchLabels ?? new Dictionary<string, string>()).All(kv => labels.TryGetValue(kv.Key, out string? v) && v == kv.Value);
        bool expressions = (selector.MatchExpressions ?? []).All(e => e.OperatorProperty switch
        {
            "In" => labels.TryGetValue(e.Key, out string? v) && e.Values.Contains(v),
            "NotIn" => !labels.TryGetValue(e.Key, out string? v) || !e.Values.Contains(v),
            "Exists" => labels.ContainsKey(e.Key),
            "DoesNotExist" => !labels.ContainsKey(e.Key),
            _ => false,
        });
        return matchLabels && expressions;
    }
}
