using Honeydipper.KubeApi.Emulator;
using Honeydipper.KubeApi.Emulator.Rbac;
using k8s;

namespace Honeydipper.Operator.Tests;

/// <summary>
/// config/rbac as the cluster would enforce it for the operator's service account, and the messages that say which
/// rule a call lacks.
/// </summary>
internal static class OperatorRbac
{
    public static string Folder => Path.Combine(RepoPaths.RepoRoot, "config", "rbac");

    /// <summary>Every manifest of config/rbac (the kustomization aside), as typed objects.</summary>
    public static IReadOnlyList<(string File, object Object)> Manifests() =>
    [
        .. Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal)
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .SelectMany(f => KubernetesYaml.LoadAllFromString(File.ReadAllText(f)).Select(o => (Path.GetFileName(f), o))),
    ];

    public static RbacPolicy Policy() => new(Manifests().Select(m => m.Object));

    /// <summary>The distinct calls among <paramref name="calls"/> that config/rbac does not grant, each with the rule to add.</summary>
    public static IReadOnlyList<string> Ungranted(IEnumerable<RecordedRequest> calls)
    {
        RbacPolicy policy = Policy();
        return
        [
            .. calls.Where(c => !policy.Allows(c))
                .GroupBy(c => (c.Verb, c.Group, c.ResourcePath, Scope: Scope(c)))
                .Select(g => Describe(g.First())),
        ];
    }

    /// <summary>Fails with the missing rules when config/rbac does not grant every call.</summary>
    public static void AssertGranted(IEnumerable<RecordedRequest> calls)
    {
        IReadOnlyList<string> missing = Ungranted(calls);
        if (missing.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(
                $"the operator made calls that config/rbac does not grant; in a cluster they would be refused (403):\n  {string.Join("\n  ", missing)}\n"
                + "Add the rules (the Helm chart's templates/rbac.yaml must match, ChartTests checks it), and exercise the call in OperatorRbacTests so that the rule counts as used.");
        }
    }

    /// <summary>The operator's own namespace is where the leader-election Role applies (the Lease, its own pod's label); everything else is cluster-wide.</summary>
    private static string Scope(RecordedRequest call) =>
        call.Namespace == OperatorFixture.OperatorNamespace && (call.Group == "coordination.k8s.io" || (call.Group.Length == 0 && call.ResourcePath == "pods"))
            ? OperatorFixture.OperatorNamespace : "*";

    private static string Describe(RecordedRequest call)
    {
        string file = Scope(call) == "*" ? "config/rbac/role.yaml" : "config/rbac/leader_election_role.yaml";
        string via = call.Admission is null ? string.Empty : $" (checked by the {call.Admission} admission plugin)";
        return $"{call.Verb} {(call.Group.Length == 0 ? "core" : call.Group)}/{call.ResourcePath}{(call.Namespace is null ? string.Empty : $" in namespace {call.Namespace}")}{via}: "
            + $"add to {file}: {{apiGroups: [\"{call.Group}\"], resources: [{call.ResourcePath}], verbs: [{call.Verb}]}}";
    }
}
