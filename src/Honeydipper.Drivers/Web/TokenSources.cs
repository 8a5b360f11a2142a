using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Honeydipper.Core.Values;
using Honeydipper.Drivers.Sdk;
using Honeydipper.Drivers.Sdk.Secrets;

namespace Honeydipper.Drivers.Web;

/// <summary>
/// Bearer tokens for the web driver's <c>tokenSource</c> parameter, from the driver option
/// <c>token_sources.&lt;name&gt;</c>: <c>type: github</c> (a GitHub App installation token, as the original makes it:
/// a JWT signed with the app's <c>key</c> for <c>app_id</c>, exchanged at <c>github_url</c> for
/// <c>installation_id</c>, kept until shortly before it expires) or <c>type: bearer</c> (a fixed <c>token</c>). Keys and
/// tokens may be given by <c>secretKeyRef</c>.
/// </summary>
internal sealed class TokenSources(HttpClient client, TimeProvider time)
{
    private const string GitHubApi = "https://api.github.com";
    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    /// <exception cref="InvalidOperationException">The source is not defined or cannot give a token; the message says which and why.</exception>
    public async Task<string> TokenAsync(string name, DriverOptions options, ISecretSource secrets, CancellationToken cancellationToken)
    {
        if (!options.Data.TryGetValue("token_sources", out object? all) || all is not IDictionary<string, object?> sources ||
            !sources.TryGetValue(name, out object? s) || s is not IDictionary<string, object?> source)
        {
            throw new InvalidOperationException($"[web] tokenSource \"{name}\" is not defined: add it under drivers.web.token_sources.{name}");
        }

        string type = source.TryGetValue("type", out object? t) ? t as string ?? string.Empty : string.Empty;
        return type switch
        {
            "bearer" => SecretValues.Resolve(source.TryGetValue("token", out object? token) ? token : null, secrets, $"drivers.web.token_sources.{name}.token"),
            "github" => await GitHubAsync(name, source, secrets, cancellationToken).ConfigureAwait(false),
            _ => throw new InvalidOperationException($"[web] token_sources.{name}: unknown type \"{type}\" (use github or bearer)"),
        };
    }

    private async Task<string> GitHubAsync(string name, IDictionary<string, object?> source, ISecretSource secrets, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (_cache.TryGetValue(name, out (string Token, DateTimeOffset Until) saved) && now < saved.Until)
        {
            return saved.Token;
        }

        string field = $"drivers.web.token_sources.{name}";
        string appId = Text(source, "app_id", field);
        string installation = Text(source, "installation_id", field);
        string key = SecretValues.Resolve(source.TryGetValue("key", out object? k) ? k : null, secrets, field + ".key");
        string baseUrl = source.TryGetValue("github_url", out object? u) && u is string { Length: > 0 } url ? url.TrimEnd('/') : GitHubApi;

        using HttpRequestMessage request = new(HttpMethod.Post, $"{baseUrl}/app/installations/{installation}/access_tokens");
        request.Headers.TryAddWithoutValidation("Accept", "application/vnd.github+json");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Jwt(appId, key, now));
        if (source.TryGetValue("permissions", out object? permissions) && permissions is not null)
        {
            request.Content = new StringContent(GoJson.Serialize(new Dictionary<string, object?> { ["permissions"] = permissions }), Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"[web] {field}: GitHub answered {(int)response.StatusCode} to the installation token request: {Shorten(body)}");
        }

        IDictionary<string, object?>? answer = GoJson.Deserialize(body) as IDictionary<string, object?>;
        string token = answer is not null && answer.TryGetValue("token", out object? tk) && tk is string { Length: > 0 } text
            ? text
            : throw new InvalidOperationException($"[web] {field}: GitHub's answer has no token");
        DateTimeOffset until = answer.TryGetValue("expires_at", out object? e) && e is string expires && DateTimeOffset.TryParse(expires, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out DateTimeOffset at)
            ? at - TimeSpan.FromMinutes(1)
            : now + TimeSpan.FromMinutes(9);
        _cache[name] = (token, until);
        return token;
    }

    /// <summary>The app's JWT: RS256, issued 30 s ago (clock drift), valid 10 minutes, as GitHub asks.</summary>
    private static string Jwt(string appId, string pem, DateTimeOffset now)
    {
        using RSA rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException("[web] the GitHub App key is not a PEM RSA private key", ex);
        }

        string header = Base64Url("""{"alg":"RS256","typ":"JWT"}"""u8.ToArray());
        string claims = Base64Url(Encoding.UTF8.GetBytes(GoJson.Serialize(new Dictionary<string, object?>
        {
            ["iat"] = (double)(now.ToUnixTimeSeconds() - 30),
            ["exp"] = (double)(now.ToUnixTimeSeconds() + 600),
            ["iss"] = appId,
        })));
        byte[] signature = rsa.SignData(Encoding.ASCII.GetBytes(header + "." + claims), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + claims + "." + Base64Url(signature);
    }

    private static string Text(IDictionary<string, object?> source, string name, string field) =>
        source.TryGetValue(name, out object? value) && value is not null && GoValueFormatter.Format(value) is { Length: > 0 } text
            ? text
            : throw new InvalidOperationException($"[web] {field}.{name} is required for a github token source");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
