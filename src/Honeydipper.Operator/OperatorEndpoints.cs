using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace Honeydipper.Operator;

/// <summary>
/// <c>/healthz</c> (the process answers), <c>/readyz</c> (every informer has listed, so this replica can lead at
/// once) and <c>/metrics</c> (Prometheus text), for the Deployment's probes and for scraping.
/// </summary>
internal sealed class OperatorEndpoints(OperatorMetrics metrics, Func<bool> ready) : IAsyncDisposable
{
    private WebApplication? _app;

    public Uri? Address { get; private set; }

    public async Task StartAsync(string listen, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://" + listen);
        _app = builder.Build();
        _app.MapGet("/healthz", () => Results.Text("ok\n"));
        _app.MapGet("/readyz", () => ready() ? Results.Text("ready\n") : Results.Text("caches not synced yet\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        _app.MapGet("/metrics", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        });
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        string? address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Address = address is null ? null : new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
