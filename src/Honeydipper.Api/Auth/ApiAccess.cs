namespace Honeydipper.Api.Auth;

/// <summary>
/// What an endpoint needs, in Kubernetes RBAC terms: a verb on one of our resources (group <c>honeydipper.io</c>) in
/// the request's namespace. Endpoints without it are public (health, the dashboard's files, the OpenAPI document).
/// </summary>
public sealed record ApiAccess(string Verb, string Resource)
{
    public const string Group = "honeydipper.io";
}
