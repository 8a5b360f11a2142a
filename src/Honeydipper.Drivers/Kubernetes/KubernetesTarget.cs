using System.Net;
using Honeydipper.Core.Values;
using Honeydipper.Drivers.Sdk;
using k8s;
using k8s.Autorest;

namespace Honeydipper.Drivers.Kubernetes;

/// <summary>
/// Where the kubernetes driver acts: its own namespace, through its own service account (in a pod) or the current
/// kubeconfig context (on a laptop). A command may name that namespace or none; any other is refused, since the
/// driver's Role only covers its namespace and tenants must not reach each other's.
/// </summary>
internal sealed class KubernetesTarget(IKubernetes client, string ns)
{
    public IKubernetes Client { get; } = client;

    public string Namespace { get; } = ns;

    public static KubernetesTarget Connect(KubernetesClientConfiguration? configuration)
    {
        KubernetesClientConfiguration config = configuration ?? (KubernetesClientConfiguration.IsInCluster()
            ? KubernetesClientConfiguration.InClusterConfig()
            : KubernetesClientConfiguration.BuildConfigFromConfigFile());
        return new KubernetesTarget(new k8s.Kubernetes(config), config.Namespace is { Length: > 0 } n ? n : "default");
    }

    /// <summary>The namespace a command works in, after checking its <c>namespace</c> and <c>source</c> parameters.</summary>
    public string NamespaceFor(CommandContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (ctx.Parameters.TryGetValue("source", out object? s) && s is IDictionary<string, object?> source &&
            source.TryGetValue("type", out object? t) && t is string type && type is not "local" and not "")
        {
            throw new InvalidOperationException($"[kubernetes] source type \"{type}\" is not supported: this driver acts in its own cluster and namespace through its service account (source type local); run a kubernetes driver in the target cluster instead");
        }

        string asked = ctx.Text("namespace");
        return asked.Length == 0 || asked == Namespace
            ? Namespace
            : throw new InvalidOperationException($"[kubernetes] namespace \"{asked}\" is not this driver's: it works only in \"{Namespace}\" (through its service account); leave namespace out, or run a kubernetes driver in \"{asked}\"");
    }

    /// <summary>A required parameter as text.</summary>
    public static string Required(CommandContext ctx, string name, string action) =>
        ctx.Text(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"[kubernetes] {action}: parameter {name} is required but missing");

    /// <summary>A Kubernetes object as data (what workflows see), through its JSON.</summary>
    public static object? ToData(object? value) => value is null ? null : GoJson.Deserialize(KubernetesJson.Serialize(value));

    /// <summary>Data (a workflow's manifest) as a Kubernetes object.</summary>
    public static T FromData<T>(object? data, string what)
    {
        try
        {
            return KubernetesJson.Deserialize<T>(GoJson.Serialize(data, escapeHtml: false));
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new InvalidOperationException($"[kubernetes] invalid {what} manifest: {ex.Message}", ex);
        }
    }

    /// <summary>Runs an API call and turns the API server's refusal into an error that says what was asked and why.</summary>
    public static async Task<T> Call<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (HttpOperationException ex)
        {
            throw new InvalidOperationException($"[kubernetes] {what}: {Describe(ex)}", ex);
        }
    }

    public static bool IsNotFound(Exception ex) => ex is InvalidOperationException { InnerException: HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound } };

    private static string Describe(HttpOperationException ex)
    {
        string content = ex.Response?.Content ?? string.Empty;
        try
        {
            if (GoJson.Deserialize(content) is IDictionary<string, object?> status && status.TryGetValue("message", out object? message) && message is string text)
            {
                return $"{(int?)ex.Response?.StatusCode} {text}";
            }
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            // not a Status: fall through
        }

        return $"{(int?)ex.Response?.StatusCode} {ex.Message}";
    }
}
