namespace Honeydipper.Core.Config.Loading;

/// <summary>
/// <c>REPO_OVERRIDE</c> and <c>REPO_OVERRIDE_&lt;anything&gt;</c>: <c>"&lt;remote url&gt; =&gt; &lt;local folder&gt;"</c>,
/// to develop against a local copy of a repository that the configuration names by URL.
/// </summary>
public static class RepoOverrides
{
    /// <exception cref="ConfigException">A definition lacks the <c>=&gt;</c> or one of its sides.</exception>
    public static IReadOnlyDictionary<string, string> FromEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Dictionary<string, string> overrides = new(StringComparer.Ordinal);
        foreach ((string name, string value) in environment.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (name != "REPO_OVERRIDE" && !name.StartsWith("REPO_OVERRIDE_", StringComparison.Ordinal))
            {
                continue;
            }

            int arrow = value.IndexOf("=>", StringComparison.Ordinal);
            string remote = arrow < 0 ? string.Empty : value[..arrow].Trim();
            string local = arrow < 0 ? string.Empty : value[(arrow + 2)..].Trim();
            if (remote.Length == 0 || local.Length == 0)
            {
                throw new ConfigException(
                    $"invalid repo override definition: {name}={value} (write it as \"<repo url> => <local folder>\")");
            }

            overrides[remote] = local;
        }

        return overrides;
    }
}
