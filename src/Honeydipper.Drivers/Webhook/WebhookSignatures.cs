using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Honeydipper.Drivers.Webhook;

/// <summary>
/// The HMAC-SHA256 request signatures the original's webhook checks: GitHub's <c>X-Hub-Signature-256: sha256=&lt;hex&gt;</c>,
/// PagerDuty's <c>X-PagerDuty-Signature: v1=&lt;hex&gt;[,v1=&lt;hex&gt;...]</c> (several during a key rotation) and Slack's
/// <c>X-Slack-Signature: v0=&lt;hex&gt;</c> over <c>v0:&lt;X-Slack-Request-Timestamp&gt;:&lt;body&gt;</c>, refused when the
/// timestamp is more than 300 s old or more than 2 s ahead (a replayed request).
/// </summary>
internal static class WebhookSignatures
{
    /// <summary>The headers looked for, in the original's order: the first one present is the one checked.</summary>
    public static readonly IReadOnlyList<string> Supported = ["X-Hub-Signature-256", "X-PagerDuty-Signature", "X-Slack-Signature"];

    public static readonly TimeSpan SlackMaxAge = TimeSpan.FromSeconds(300);
    public static readonly TimeSpan SlackMaxAhead = TimeSpan.FromSeconds(2);

    /// <summary>The first supported signature header the request carries, or null.</summary>
    public static (string Header, string Value)? Find(IHeaderDictionary headers)
    {
        foreach (string header in Supported)
        {
            if (headers.TryGetValue(header, out Microsoft.Extensions.Primitives.StringValues value) && value.ToString() is { Length: > 0 } text)
            {
                return (header, text);
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="signature"/> (the header's value) signs the request with <paramref name="secret"/>.</summary>
    /// <param name="slackTimestamp">The <c>X-Slack-Request-Timestamp</c> header (Slack only).</param>
    public static bool Verify(string header, string signature, string secret, byte[] body, string? slackTimestamp, DateTimeOffset now)
    {
        using IncrementalHash mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        IEnumerable<string> candidates;
        switch (header)
        {
            case "X-Slack-Signature":
                if (!long.TryParse(slackTimestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) || !Fresh(seconds, now))
                {
                    return false;
                }

                mac.AppendData(Encoding.UTF8.GetBytes($"v0:{slackTimestamp}:"));
                candidates = [Strip(signature, "v0=")];
                break;
            case "X-PagerDuty-Signature":
                candidates = signature.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(s => Strip(s, "v1="));
                break;
            case "X-Hub-Signature-256":
                candidates = [Strip(signature, "sha256=")];
                break;
            default:
                return false;
        }

        mac.AppendData(body);
        byte[] expected = mac.GetHashAndReset();
        foreach (string candidate in candidates)
        {
            byte[] actual;
            try
            {
                actual = Convert.FromHexString(candidate);
            }
            catch (FormatException)
            {
                continue; // not hex: cannot be the signature
            }

            if (CryptographicOperations.FixedTimeEquals(expected, actual))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Fresh(long seconds, DateTimeOffset now)
    {
        long current = now.ToUnixTimeSeconds();
        return current - seconds <= SlackMaxAge.TotalSeconds && seconds - current <= SlackMaxAhead.TotalSeconds;
    }

    private static string Strip(string value, string prefix) =>
        value.StartsWith(prefix, StringComparison.Ordinal) ? value[prefix.Length..] : value;
}
