using k8s;
using k8s.KubeConfigModels;

namespace Honeydipper.Cli;

/// <summary>
/// The kubeconfig files kubectl would read: the one named by <c>--kubeconfig</c>; else every file of
/// <c>$KUBECONFIG</c> that exists, merged with the first occurrence of each entry (and of current-context) winning;
/// else <c>~/.kube/config</c>.
/// </summary>
internal sealed record KubeconfigFiles(IReadOnlyList<string> Paths)
{
    /// <summary>The files as the user would name them in a message.</summary>
    public string Describe => string.Join(", ", Paths);

    /// <summary>The files to read, or null when there is none (then the caller may try the pod's service account).</summary>
    /// <exception cref="FileNotFoundException">The file of <c>--kubeconfig</c> does not exist, or none of <c>$KUBECONFIG</c> does.</exception>
    public static KubeconfigFiles? Find(string? explicitPath, IReadOnlyDictionary<string, string> env)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return File.Exists(explicitPath) ? new KubeconfigFiles([explicitPath]) : throw new FileNotFoundException($"no kubeconfig at {explicitPath}: the file does not exist", explicitPath);
        }

        if (env.GetValueOrDefault("KUBECONFIG") is { Length: > 0 } list)
        {
            // kubectl skips the files of the list that do not exist, and fails only when none does.
            List<string> existing = [.. list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Where(File.Exists).Distinct(StringComparer.Ordinal)];
            return existing.Count > 0 ? new KubeconfigFiles(existing) : throw new FileNotFoundException($"no kubeconfig: no file in KUBECONFIG ({list}) exists");
        }

        string home = DefaultPath(env);
        return File.Exists(home) ? new KubeconfigFiles([home]) : null;
    }

    /// <summary>The default file's path, for a message saying that it is missing.</summary>
    public static string DefaultPath(IReadOnlyDictionary<string, string> env) =>
        Path.Combine(env.GetValueOrDefault("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");

    /// <summary>
    /// Reads and merges the files: the first file to name a cluster, user or context, or to set current-context,
    /// wins. File paths inside each (certificates, keys) are made absolute against that file's folder first, as
    /// kubectl resolves them.
    /// </summary>
    public async Task<K8SConfiguration> LoadAsync()
    {
        K8SConfiguration? merged = null;
        foreach (string path in Paths)
        {
            K8SConfiguration file = await KubernetesClientConfiguration.LoadKubeConfigAsync(new FileInfo(path)).ConfigureAwait(false);
            if (Paths.Count == 1)
            {
                return file;
            }

            string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            foreach (Cluster cluster in file.Clusters ?? [])
            {
                if (cluster.ClusterEndpoint is { } endpoint)
                {
                    endpoint.CertificateAuthority = Absolute(folder, endpoint.CertificateAuthority);
                }
            }

            foreach (User user in file.Users ?? [])
            {
                if (user.UserCredentials is { } credentials)
                {
                    credentials.ClientCertificate = Absolute(folder, credentials.ClientCertificate);
                    credentials.ClientKey = Absolute(folder, credentials.ClientKey);
                }
            }

            if (merged is null)
            {
                merged = file;
                merged.Clusters = [.. file.Clusters ?? []];
                merged.Users = [.. file.Users ?? []];
                merged.Contexts = [.. file.Contexts ?? []];
                continue;
            }

            merged.CurrentContext = string.IsNullOrEmpty(merged.CurrentContext) ? file.CurrentContext : merged.CurrentContext;
            merged.Clusters = [.. merged.Clusters, .. (file.Clusters ?? []).Where(c => !merged.Clusters.Any(m => m.Name == c.Name))];
            merged.Users = [.. merged.Users, .. (file.Users ?? []).Where(u => !merged.Users.Any(m => m.Name == u.Name))];
            merged.Contexts = [.. merged.Contexts, .. (file.Contexts ?? []).Where(c => !merged.Contexts.Any(m => m.Name == c.Name))];
        }

        return merged!;
    }

    private static string? Absolute(string folder, string? path) =>
        string.IsNullOrEmpty(path) || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(folder, path));
}
