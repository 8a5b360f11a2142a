using k8s;
using k8s.KubeConfigModels;

namespace Honeydipper.Cli.Inspect;

/// <summary>
/// The cluster, credentials and namespace the inspection commands use in cluster mode, from a kubeconfig as kubectl
/// finds it: <c>--kubeconfig</c>, else the files of <c>$KUBECONFIG</c> merged, else <c>~/.kube/config</c>
/// (else, in a pod, its service account); the context is <c>--context</c> or the file's current one; the namespace is
/// <c>-n</c>, else the context's, else <c>default</c>.
/// </summary>
internal sealed record ClusterTarget(KubernetesClientConfiguration Config, string Context, string Namespace)
{
    public string Server => Config.Host.TrimEnd('/');

    /// <summary>Reads the kubeconfig; every problem with it is an <see cref="ApiCallException"/> that says which file and what to do.</summary>
    public static async Task<ClusterTarget> LoadAsync(string? kubeconfig, string? context, string? ns, IReadOnlyDictionary<string, string> env, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(env);
        KubeconfigFiles? files;
        try
        {
            files = KubeconfigFiles.Find(kubeconfig, env);
        }
        catch (FileNotFoundException ex)
        {
            throw new ApiCallException(string.IsNullOrEmpty(kubeconfig) ? ex.Message + " (pass --kubeconfig, or --api for the HTTP API)" : ex.Message);
        }

        if (files is null)
        {
            if (context is null && KubernetesClientConfiguration.IsInCluster())
            {
                KubernetesClientConfiguration inCluster = KubernetesClientConfiguration.InClusterConfig();
                return new ClusterTarget(inCluster, "in-cluster", ns ?? Or(inCluster.Namespace, "default"));
            }

            throw new ApiCallException($"no kubeconfig at {KubeconfigFiles.DefaultPath(env)} (pass --kubeconfig or set KUBECONFIG, or --api for the HTTP API)");
        }

        string path = files.Describe;
        K8SConfiguration file;
        try
        {
            file = await files.LoadAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The client reads the file with a YAML library whose exceptions vary; any of them means the same to the user.
            throw new ApiCallException($"kubeconfig {path} could not be read: {ex.Message}");
        }

        cancellationToken.ThrowIfCancellationRequested();
        List<string> contexts = [.. (file.Contexts ?? []).Select(c => c.Name)];
        string name = context ?? Or(file.CurrentContext, string.Empty);
        if (name.Length == 0)
        {
            throw new ApiCallException($"kubeconfig {path} has no current-context: pass --context ({Among(contexts)})");
        }

        if (!contexts.Contains(name, StringComparer.Ordinal))
        {
            throw new ApiCallException($"kubeconfig {path} has no context \"{name}\" ({Among(contexts)})");
        }

        KubernetesClientConfiguration config;
        try
        {
            config = KubernetesClientConfiguration.BuildConfigFromConfigObject(file, name);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // KubeConfigException mostly; an auth provider the client no longer supports is a plain Exception.
            throw new ApiCallException($"kubeconfig {path}, context {name}: {ex.Message}");
        }

        return new ClusterTarget(config, name, ns ?? Or(config.Namespace, "default"));
    }

    /// <summary>Creates the client; credentials plugins run here and may fail.</summary>
    public k8s.Kubernetes CreateClient()
    {
        try
        {
            return new k8s.Kubernetes(Config);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ApiCallException($"cannot talk to the cluster at {Server} (context {Context}): {ex.Message}");
        }
    }

    private static string Or(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value;

    private static string Among(List<string> contexts) => contexts.Count == 0 ? "it defines no contexts" : "it has: " + string.Join(", ", contexts);
}
