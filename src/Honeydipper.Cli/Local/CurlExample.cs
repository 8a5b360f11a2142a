namespace Honeydipper.Cli.Local;

/// <summary>A curl command a rule's webhook criteria would accept, to try a local configuration at once.</summary>
internal static class CurlExample
{
    public static string For(Uri webhook, IDictionary<string, object?> match)
    {
        string path = match.TryGetValue("url", out object? u) && u is string url && !url.StartsWith(":regex:", StringComparison.Ordinal) ? url : "/";
        string method = match.TryGetValue("method", out object? m) && m is string verb ? verb : "POST";
        string target = new Uri(webhook, path).ToString();
        bool wantsJson = match.ContainsKey("json") || method is "POST" or "PUT";
        return wantsJson
            ? $"curl -X {method} {target} -H 'Content-Type: application/json' -d '{{\"name\": \"you\"}}'"
            : $"curl -X {method} {target}";
    }
}
