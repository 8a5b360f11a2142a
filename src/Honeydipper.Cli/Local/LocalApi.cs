using System.Text.Json;
using Honeydipper.Core.Engine.Runs;
using Honeydipper.Core.Engine.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Cli.Local;

/// <summary>
/// Local mode's HTTP endpoint, on loopback: <c>/healthz</c> (200 once everything is up) and <c>/api/v1/runs</c> (the
/// latest runs, newest first, as the engine records them). The full API with authentication is the API's job.
/// </summary>
internal sealed class LocalApi : IAsyncDisposable
{
    private const int Keep = 200;
    private readonly Dictionary<string, RunRecord> _runs = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public bool Healthy { get; set; }

    public Uri? Address { get; private set; }

    public void Record(IEnumerable<RunRecord> runs)
    {
        lock (_runs)
        {
            foreach (RunRecord run in runs)
            {
                _runs[run.Id] = run;
            }

            foreach (string old in _runs.Values.OrderByDescending(r => r.StartedAt).Skip(Keep).Select(r => r.Id).ToList())
            {
                _runs.Remove(old);
            }
        }
    }

    public async Task StartAsync(string listen, CancellationToken cancellationToken)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://" + listen);
        _app = builder.Build();
        _app.MapGet("/healthz", () => Healthy ? Results.Text("ok\n") : Results.Text("starting\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        _app.MapGet("/api/v1/runs", () =>
        {
            List<Dictionary<string, object?>> list;
            lock (_runs)
            {
                list = [.. _runs.Values.OrderByDescending(r => r.StartedAt).Select(RunState.Capture)];
            }

            return Results.Content(StateJson.Serialize(list.Select(r => (object?)r).ToList()), "application/json");
        });
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        string? address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Address = address is null ? null : new Uri(address);
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
