using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Honeydipper.Api.Auth;

/// <summary>
/// Local mode's authentication. With a token file: each line <c>&lt;user&gt; sha256:&lt;hex&gt;</c> (the token's
/// SHA-256, so the file holds no secret), <c>#</c> comments; a request needs a bearer token whose hash is listed.
/// Without one: no token is asked, and only loopback clients are let in. Every authenticated user may do everything.
/// </summary>
public sealed class StaticTokens : IApiAuthenticator, IApiAuthorizer
{
    private readonly Dictionary<string, string>? _users; // hash (lowercase hex) → user

    private StaticTokens(Dictionary<string, string>? users) => _users = users;

    /// <summary>No tokens: loopback clients only.</summary>
    public static StaticTokens LoopbackOnly() => new(null);

    /// <summary>Reads a token file; a malformed line names its number.</summary>
    public static StaticTokens FromFile(string path)
    {
        Dictionary<string, string> users = new(StringComparer.Ordinal);
        int number = 0;
        foreach (string raw in File.ReadLines(path))
        {
            number++;
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !parts[1].StartsWith("sha256:", StringComparison.Ordinal) || parts[1].Length != 7 + 64)
            {
                throw new FormatException($"{path}:{number}: expected \"<user> sha256:<64 hex digits>\" (the SHA-256 of the token, e.g. printf %s \"$TOKEN\" | sha256sum)");
            }

            users[parts[1][7..].ToLowerInvariant()] = parts[0];
        }

        return new(users);
    }

    /// <summary>The line a token file holds for a user and token.</summary>
    public static string Line(string user, string token) => $"{user} sha256:{Hash(token)}";

    public Task<(ApiUser? User, string Reason)> AuthenticateAsync(string? bearerToken, IPAddress? remote, CancellationToken cancellationToken)
    {
        if (_users is null)
        {
            return Task.FromResult(remote is not null && IPAddress.IsLoopback(remote)
                ? ((ApiUser?)ApiUser.Anonymous(remote.ToString()), string.Empty)
                : ((ApiUser?)null, "without a token file only loopback clients are served"));
        }

        if (string.IsNullOrEmpty(bearerToken))
        {
            return Task.FromResult(((ApiUser?)null, "a bearer token is required (Authorization: Bearer <token>)"));
        }

        return Task.FromResult(_users.TryGetValue(Hash(bearerToken), out string? user)
            ? ((ApiUser?)new ApiUser(user, []), string.Empty)
            : ((ApiUser?)null, "the bearer token is not known"));
    }

    public Task<(bool Allowed, string Reason)> AuthorizeAsync(ApiUser user, ApiAccess access, string ns, CancellationToken cancellationToken) =>
        Task.FromResult((true, string.Empty));

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
