namespace Honeydipper.Api;

/// <summary>How the HTTP API, the dashboard and the event endpoints behave.</summary>
public sealed record ApiOptions
{
    /// <summary>Where to listen (host:port); port 0 picks a free one.</summary>
    public required string Listen { get; init; }

    /// <summary>The namespace <c>/api/events</c> works on when the request does not name one (<c>?namespace=</c>).</summary>
    public required string DefaultNamespace { get; init; }

    /// <summary>The responder's name in <c>/api/events</c> answers (the original used the daemon's address).</summary>
    public string Instance { get; init; } = Environment.MachineName;

    /// <summary>How long <c>/api/events/{eventID}/wait</c> waits before answering 202 (the original's writeTimeout).</summary>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a wait looks for the runs of an event that has none yet (the event is still on the bus) before it
    /// answers 404 (the original's ack_timeout, widened: our events go through a durable stream first).
    /// </summary>
    public TimeSpan EventGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Requests a client may make per second on average (a token bucket per token or address).</summary>
    public int RatePerSecond { get; init; } = 50;

    /// <summary>Requests a client may make at once above the average.</summary>
    public int RateBurst { get; init; } = 200;

    /// <summary>How often an idle run stream gets a comment line, so proxies keep it open.</summary>
    public TimeSpan StreamKeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
