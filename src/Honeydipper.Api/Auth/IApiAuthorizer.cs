namespace Honeydipper.Api.Auth;

/// <summary>Decides whether a user may do what an endpoint does in a namespace.</summary>
public interface IApiAuthorizer
{
    /// <returns>Whether it is allowed, and why not when it is not.</returns>
    Task<(bool Allowed, string Reason)> AuthorizeAsync(ApiUser user, ApiAccess access, string ns, CancellationToken cancellationToken);
}
