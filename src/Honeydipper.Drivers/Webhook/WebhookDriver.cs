using System.Net;
using Honeydipper.Bus;
using Honeydipper.Core.Interpolation;
using Honeydipper.Drivers.Sdk;
using Honeydipper.Drivers.Sdk.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Drivers.Webhook;

/// <summary>
/// Receives HTTP requests and turns the ones some rule wants into events, as the original's webhook driver does:
/// the event data is <c>{url, method, form, headers, host, remoteAddr, body, json}</c>; a request no collapsed trigger
/// matches gets 404; a match gets 200 (or the trigger's <c>response_payload</c>, or <c>{"eventID": ...}</c> when the form
/// asks with <c>accept_uuid</c>); when the bus cannot take the event the answer is 503, so that the sender retries and
/// nothing is lost. <c>/hz/alive</c> answers 200. Bodies over <c>max_body_bytes</c> (1 MiB) get 413. A request signed
/// with a header of <see cref="WebhookSignatures"/> gets <c>verifiedSystem</c>: the systems whose secret signs it.
/// </summary>
public sealed partial class WebhookDriver(BuiltinDriverSettings settings) : IBuiltinDriver
{
    private readonly Interpolator _interpolator = new();
    private readonly ILogger _logger = settings.Logger;
    private long _maxBody = DefaultMaxBody;
    private volatile WebhookTriggers _triggers = WebhookTriggers.Empty;

    public const long DefaultMaxBody = 1024 * 1024;

    public string Type => "webhook";

    public void Register(DriverHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.OnOptions((options, _) =>
        {
            _triggers = WebhookTriggers.From(options);
            return Task.CompletedTask;
        });
    }

    public async Task ServeAsync(DriverHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        _triggers = WebhookTriggers.From(host.Options);
        string listen = settings.ListenOverride ?? ListenUrl(host.Options.Data.TryGetValue("Addr", out object? a) ? a as string : null);
        _maxBody = host.Options.Data.TryGetValue("max_body_bytes", out object? m) && m is double limit && limit > 0 ? (long)limit : DefaultMaxBody;
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(listen);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = _maxBody);
        await using WebApplication app = builder.Build();
        app.Run(context => HandleAsync(host, context));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        foreach (string address in app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
        {
            settings.Listening?.Invoke(new Uri(address));
        }

        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Go's <c>:8080</c> (every interface) or <c>host:port</c> as a Kestrel URL.</summary>
    internal static string ListenUrl(string? addr)
    {
        string value = string.IsNullOrWhiteSpace(addr) ? ":8080" : addr.Trim();
        return value.StartsWith(':') ? $"http://0.0.0.0{value}" : $"http://{value}";
    }

    private async Task HandleAsync(DriverHost host, HttpContext context)
    {
        if (context.Request.Path == "/hz/alive")
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        Dictionary<string, object?> eventData;
        byte[] body;
        try
        {
            (eventData, body) = await WebhookEvent.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.Response.WriteAsync($"the request body is larger than the webhook accepts ({_maxBody} bytes; the driver option max_body_bytes sets it)\n", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        WebhookTriggers triggers = _triggers;
        if (WebhookSignatures.Find(context.Request.Headers) is { } signature)
        {
            eventData["verifiedSystem"] = VerifiedSystems(host, triggers, signature.Header, signature.Value, body, context.Request.Headers["X-Slack-Request-Timestamp"].ToString());
        }

        if (triggers.Match(eventData) is not { } matched)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync("404 page not found\n", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        string eventId;
        try
        {
            eventId = await host.PublishEventAsync(string.Empty, eventData, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (BusUnavailableException ex)
        {
            Log.BusDown(_logger, host.DriverName, ex.Message);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            await context.Response.WriteAsync("the event bus is unavailable; retry later\n", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (matched.ResponsePayload is { Length: > 0 } template)
        {
            string response = _interpolator.InterpolateStr(template, new Dictionary<string, object?> { ["event"] = eventData });
            context.Response.ContentType = matched.ResponseContentType is { Length: > 0 } type ? type : "application/text";
            await context.Response.WriteAsync(response, context.RequestAborted).ConfigureAwait(false);
        }
        else if (eventData["form"] is IDictionary<string, object?> form && form.ContainsKey("accept_uuid"))
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($"{{\"eventID\": \"{eventId}\"}}", context.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            context.Response.StatusCode = (int)HttpStatusCode.OK;
        }
    }

    /// <summary>
    /// The systems whose secret signs the request (semantics §7): those whose <c>signatureHeader</c> names the header
    /// present, tried with each of their secrets. A secret that cannot be read fails that system only, and is logged by
    /// its reference, never its value.
    /// </summary>
    private List<object?> VerifiedSystems(DriverHost host, WebhookTriggers triggers, string header, string signature, byte[] body, string slackTimestamp)
    {
        List<object?> verified = [];
        DateTimeOffset now = settings.Time.GetUtcNow();
        foreach (WebhookTriggers.SigningSystem system in triggers.Systems.Where(s => string.Equals(s.Header, header, StringComparison.OrdinalIgnoreCase)))
        {
            for (int i = 0; i < system.Secrets.Count; i++)
            {
                string secret;
                try
                {
                    secret = SecretValues.Resolve(system.Secrets[i], host.Secrets, $"system {system.Name}: data.signatureSecret" + (system.Secrets.Count > 1 ? $"[{i}]" : string.Empty));
                }
                catch (SecretNotFoundException ex)
                {
                    Log.SecretUnavailable(_logger, host.DriverName, system.Name, ex.Message);
                    continue;
                }

                if (WebhookSignatures.Verify(header, signature, secret, body, slackTimestamp, now))
                {
                    verified.Add(system.Name);
                    break;
                }
            }
        }

        return verified;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "driver {Driver}: the bus cannot take the event, answered 503: {Reason}")]
        public static partial void BusDown(ILogger logger, string driver, string reason);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "driver {Driver}: system {System} cannot be verified: {Reason}")]
        public static partial void SecretUnavailable(ILogger logger, string driver, string system, string reason);
    }
}
