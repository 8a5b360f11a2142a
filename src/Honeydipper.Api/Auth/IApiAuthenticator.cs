using System.Net;

namespace Honeydipper.Api.Auth;

/// <summary>Establishes who sent a request from its bearer token (null when it had none) and its address.</summary>
public interface IApiAuthenticator
{
    /// <returns>The user, or null with a reason to answer 401.</returns>
    Task<(ApiUser? User, string Reason)> AuthenticateAsync(string? bearerToken, IPAddress? remote, CancellationToken cancellationToken);
}
