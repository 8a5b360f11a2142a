using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Drivers.Tests.Support;

/// <summary>A request the target received, as it arrived.</summary>
internal sealed record ReceivedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>A real Kestrel server on 127.0.0.1 that records every request and answers with the test's handler.</summary>
internal sealed class HttpTarget : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    private HttpTarget(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public static async Task<HttpTarget> StartAsync(Func<HttpContext, Task> handler, X509Certificate2? certificate = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        HttpTarget target = new(builder.Build());
        target._app.Run(async context =>
        {
            using StreamReader reader = new(context.Request.Body);
            string body = await reader.ReadToEndAsync(context.RequestAborted);
            target._received.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "/",
                context.Request.QueryString.Value ?? string.Empty,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body));
            await handler(context);
        });
        await target._app.StartAsync();
        string address = target._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        target.Url = new Uri(address.TrimEnd('/') + "/");
        return target;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
