namespace Honeydipper.Cli.Local;

/// <summary>What <c>honeydipper local</c> was asked to do.</summary>
internal sealed record LocalOptions
{
    public required string ConfigFolder { get; init; }

    /// <summary>A Redis configuration string; null for the in-process bus.</summary>
    public string? Redis { get; init; }

    public string Namespace { get; init; } = "local";

    /// <summary>The webhook's address; <c>127.0.0.1:0</c> picks a free port.</summary>
    public string WebhookListen { get; init; } = "127.0.0.1:8080";

    public bool Watch { get; init; } = true;

    /// <summary>The branch to follow when the configuration is a Git URL.</summary>
    public string Branch { get; init; } = "main";

    /// <summary>How often a Git configuration is fetched to look for a new commit.</summary>
    public TimeSpan GitPollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Where the health and runs endpoint listens (host:port); null for none.</summary>
    public string? ApiListen { get; init; } = "127.0.0.1:9000";

    /// <summary>A token file (<c>user sha256:hex</c> lines) the API asks bearer tokens from; none: loopback only, no token.</summary>
    public string? ApiTokens { get; init; }

    /// <summary>A file audit records are appended to (JSON lines); without it, with Redis they go to <c>hd:{ns}:audit</c>.</summary>
    public string? AuditLog { get; init; }

    /// <summary>About how many records the Redis audit stream keeps.</summary>
    public int AuditRetention { get; init; } = 10_000;

    public Microsoft.Extensions.Logging.ILoggerFactory Loggers { get; init; } = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;

    /// <summary>The executable to start drivers with in Redis mode (this one by default).</summary>
    public string? Executable { get; init; }
}
