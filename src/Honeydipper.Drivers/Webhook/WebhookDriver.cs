using System.Net;
using Honeydipper.Bus;
using Honeydipper.Core.Interpolation;
using Honeydipper.Drivers.Sdk;
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
/// nothing is lost. <c>/hz/alive</c> answers 200. Bodies over <c>max_body_bytes</c> (1 MiB) get 413.
/// </summary>
public sealed class WebhookDriver(BuiltinDriverSettings settings) : IBuiltinDriver
{
    private readonly Interpolator _interpolator = new();
    private volatile WebhookTriggers _triggers = WebhookTriggers.Empty;

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
        long maxBody = host.Options.Data.TryGetValue("max_body_bytes", out object? m) && m is double limit && limit > 0 ? (long)limit : 1024 * 1024;
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(listen);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxBody);
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
        try
        {
            eventData = await WebhookEvent.ReadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        if (_triggers.Match(eventData) is not { } matched)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync("404 page not found\n", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        string eventId;
        try
        {
            eventId = await host.PublishEventAsync(string.Empty, eventData, null, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BusUnavailableException)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            await context.Response.WriteAsync("the event bus is unavailable; retry later\n", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (matched.ResponsePayload is { Length: > 0 } template)
        {
            string body = _interpolator.InterpolateStr(template, new Dictionary<string, object?> { ["event"] = eventData });
            context.Response.ContentType = matched.ResponseContentType ?? "application/text";
            await context.Response.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
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
}
