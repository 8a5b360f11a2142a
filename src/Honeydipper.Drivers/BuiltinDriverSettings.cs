namespace Honeydipper.Drivers;

/// <summary>What the process running a built-in driver decides for it (not the driver's options, which come over the bus).</summary>
public sealed record BuiltinDriverSettings
{
    /// <summary>Where the webhook listens, overriding its <c>Addr</c> option (local mode and tests use port 0).</summary>
    public string? ListenOverride { get; init; }

    /// <summary>Where human-readable output goes (the echo driver's lines).</summary>
    public TextWriter Output { get; init; } = TextWriter.Null;

    /// <summary>Lets tests and local mode reach a web target without TLS verification when they ask for it explicitly.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The cluster and namespace of the kubernetes driver; null: in a pod its service account, else the kubeconfig's current context.</summary>
    public k8s.KubernetesClientConfiguration? Kubernetes { get; init; }

    /// <summary>The bus's Redis (a StackExchange.Redis configuration), where the redis driver keeps its cache and locks; none on an in-process bus.</summary>
    public string? Redis { get; init; }

    /// <summary>The password of <see cref="Redis"/> when it is kept apart from the address (HD_REDIS_PASSWORD).</summary>
    public string? RedisPassword { get; init; }

    public Microsoft.Extensions.Logging.ILogger Logger { get; init; } = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>Reports the address the webhook actually listens on (useful with port 0).</summary>
    public Action<Uri>? Listening { get; init; }
}
