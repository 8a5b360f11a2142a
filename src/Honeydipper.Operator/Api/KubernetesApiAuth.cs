using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Runtime.CompilerServices;
using System.Text;
using Honeydipper.Api.Auth;
using k8s;
using k8s.Models;

namespace Honeydipper.Operator.Api;

/// <summary>
/// The API's access control in a cluster is the cluster's: a bearer token is checked with a TokenReview, and each
/// request with a SubjectAccessReview for its verb on our resource (group honeydipper.io) in its namespace. So
/// <c>kubectl create rolebinding</c> grants API access exactly as it grants access to the objects. Answers are kept
/// for <see cref="CacheFor"/> (as kube-apiserver's webhook authenticator caches), keyed by the token's hash.
/// </summary>
internal sealed class KubernetesApiAuth(IKubernetes client, TimeProvider time) : IApiAuthenticator, IApiAuthorizer
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (ApiUser? User, string Reason, DateTimeOffset Until)> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (bool Allowed, string Reason, DateTimeOffset Until)> _access = new(StringComparer.Ordinal);

    public async Task<(ApiUser? User, string Reason)> AuthenticateAsync(string? bearerToken, IPAddress? remote, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(bearerToken))
        {
            return (null, "a bearer token is required (a service account token, or your kubectl token: kubectl create token <sa>)");
        }

        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(bearerToken)));
        DateTimeOffset now = time.GetUtcNow();
        if (_tokens.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return (cached.User, cached.Reason);
        }

        V1TokenReview review = await client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = bearerToken } }, cancellationToken: cancellationToken).ConfigureAwait(false);
        (ApiUser? User, string Reason) answer = review.Status?.Authenticated == true && review.Status.User is { } user
            ? (new ApiUser(user.Username, [.. user.Groups ?? []]), string.Empty)
            : (null, "the cluster did not accept the token" + (string.IsNullOrEmpty(review.Status?.Error) ? string.Empty : $": {review.Status.Error}"));
        Trim(_tokens, now);
        _tokens[key] = (answer.User, answer.Reason, now + CacheFor);
        return answer;
    }

    public async Task<(bool Allowed, string Reason)> AuthorizeAsync(ApiUser user, ApiAccess access, string ns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(access);
        string key = $"{user.Name}\n{string.Join(',', user.Groups)}\n{access.Verb}\n{access.Resource}\n{ns}";
        DateTimeOffset now = time.GetUtcNow();
        if (_access.TryGetValue(key, out var cached) && cached.Until > now)
        {
            return (cached.Allowed, cached.Reason);
        }

        V1SubjectAccessReview review = await client.AuthorizationV1.CreateSubjectAccessReviewAsync(new V1SubjectAccessReview
        {
            Spec = new V1SubjectAccessReviewSpec
            {
                User = user.Name,
                Groups = [.. user.Groups],
                ResourceAttributes = new V1ResourceAttributes { Verb = access.Verb, Group = ApiAccess.Group, Resource = access.Resource, NamespaceProperty = ns },
            },
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        (bool Allowed, string Reason) answer = (review.Status?.Allowed == true, review.Status?.Reason ?? string.Empty);
        Trim(_access, now);
        _access[key] = (answer.Allowed, answer.Reason, now + CacheFor);
        return answer;
    }

    // Bounded: expired answers go when the cache grows.
    private static void Trim<T>(ConcurrentDictionary<string, T> cache, DateTimeOffset now) where T : struct, ITuple
    {
        if (cache.Count < 10_000)
        {
            return;
        }

        foreach (KeyValuePair<string, T> entry in cache)
        {
            if (entry.Value[entry.Value.Length - 1] is DateTimeOffset until && until <= now)
            {
                cache.TryRemove(entry.Key, out _);
            }
        }
    }
}
