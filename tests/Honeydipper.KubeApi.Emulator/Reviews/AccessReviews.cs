using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Honeydipper.KubeApi.Emulator.Reviews;

/// <summary>
/// What the emulator answers to TokenReview (<c>authentication.k8s.io/v1</c>) and SubjectAccessReview
/// (<c>authorization.k8s.io/v1</c>), set by the test: the tokens it knows and the users, groups and verbs it allows.
/// Answers have kube-apiserver's shape: 201 with the review echoed and its <c>status</c> filled in.
/// </summary>
public sealed class AccessReviews
{
    private readonly ConcurrentDictionary<string, (string User, string Uid, string[] Groups)> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Grant> _grants = [];

    /// <summary>A token that authenticates as this user (groups: <c>system:authenticated</c> is always added, as kube-apiserver does).</summary>
    public AccessReviews AddToken(string token, string user, params string[] groups)
    {
        _tokens[token] = (user, Guid.NewGuid().ToString(), [.. groups, "system:authenticated"]);
        return this;
    }

    /// <summary>Lets a user or a group (<c>group:name</c>) do a verb (or <c>*</c>) on a resource (or <c>*</c>) of a group in a namespace (or <c>*</c>).</summary>
    public AccessReviews Allow(string subject, string verb, string group, string resource, string ns = "*")
    {
        _grants.Add(new Grant(subject, verb, group, resource, ns));
        return this;
    }

    /// <summary>Every SubjectAccessReview asked so far (user, verb, group, resource, namespace).</summary>
    public ConcurrentQueue<(string User, string Verb, string Group, string Resource, string Namespace)> Asked { get; } = new();

    internal JsonObject ReviewToken(JsonObject review)
    {
        string token = review["spec"]?["token"]?.GetValue<string>() ?? string.Empty;
        JsonObject status = _tokens.TryGetValue(token, out (string User, string Uid, string[] Groups) who)
            ? new JsonObject
            {
                ["authenticated"] = true,
                ["user"] = new JsonObject { ["username"] = who.User, ["uid"] = who.Uid, ["groups"] = new JsonArray([.. who.Groups.Select(g => (JsonNode?)g)]) },
                ["audiences"] = review["spec"]?["audiences"]?.DeepClone() ?? new JsonArray("https://kubernetes.default.svc"),
            }
            : new JsonObject { ["user"] = new JsonObject(), ["error"] = "[invalid bearer token, token lookup failed]" };
        return Answer(review, "authentication.k8s.io/v1", "TokenReview", status);
    }

    internal JsonObject ReviewAccess(JsonObject review)
    {
        JsonNode? spec = review["spec"];
        string user = spec?["user"]?.GetValue<string>() ?? string.Empty;
        string[] groups = spec?["groups"] is JsonArray g ? [.. g.Select(n => n?.GetValue<string>() ?? string.Empty)] : [];
        JsonNode? attrs = spec?["resourceAttributes"];
        string verb = attrs?["verb"]?.GetValue<string>() ?? string.Empty;
        string group = attrs?["group"]?.GetValue<string>() ?? string.Empty;
        string resource = attrs?["resource"]?.GetValue<string>() ?? string.Empty;
        string ns = attrs?["namespace"]?.GetValue<string>() ?? string.Empty;
        Asked.Enqueue((user, verb, group, resource, ns));
        bool allowed = _grants.Any(x => (x.Subject == user || (x.Subject.StartsWith("group:", StringComparison.Ordinal) && groups.Contains(x.Subject[6..])))
            && Matches(x.Verb, verb) && Matches(x.Group, group) && Matches(x.Resource, resource) && Matches(x.Namespace, ns));
        JsonObject status = allowed
            ? new JsonObject { ["allowed"] = true, ["reason"] = $"RBAC: allowed by the emulator's grants" }
            : new JsonObject { ["allowed"] = false, ["reason"] = string.Empty };
        return Answer(review, "authorization.k8s.io/v1", "SubjectAccessReview", status);
    }

    private static bool Matches(string pattern, string value) => pattern == "*" || pattern == value;

    private static JsonObject Answer(JsonObject review, string apiVersion, string kind, JsonObject status)
    {
        JsonObject answer = (JsonObject)review.DeepClone();
        answer["apiVersion"] = apiVersion;
        answer["kind"] = kind;
        answer["metadata"] ??= new JsonObject();
        answer["metadata"]!["creationTimestamp"] = null;
        answer["status"] = status;
        return answer;
    }

    private sealed record Grant(string Subject, string Verb, string Group, string Resource, string Namespace);
}
