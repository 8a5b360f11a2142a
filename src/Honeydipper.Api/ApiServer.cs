using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Honeydipper.Api.Audit;
using Honeydipper.Api.Auth;
using Honeydipper.Api.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Honeydipper.Api;

/// <summary>
/// The HTTP API and the dashboard, served by local mode and by the operator alike: Honeydipper's
/// <c>/api/events</c>, runs, workflows, rules and drivers under <c>/api/v1/namespaces/{ns}</c>, a server-sent-events
/// stream of run updates, the OpenAPI document at <c>/openapi/v1.json</c>, and the dashboard at <c>/</c>. Requests are
/// rate limited per client, authenticated and authorised by the given implementations; errors are problem details.
/// </summary>
public sealed partial class ApiServer(IApiTargets targets, IApiAuthenticator authenticator, IApiAuthorizer authorizer, AuditLog audit, ApiOptions options, ILoggerFactory? loggers = null) : IAsyncDisposable
{
    internal const string NamespaceItem = "hd.namespace";
    internal const string UserItem = "hd.user";
    private readonly ILogger _logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger("Honeydipper.Api");
    private WebApplication? _app;

    /// <summary>Where it listens (loopback form), once started.</summary>
    public Uri? Address { get; private set; }

    internal IApiTargets Targets => targets;

    internal AuditLog Audit => audit;

    internal ApiOptions Options => options;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://" + options.Listen);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Honeydipper API";
            doc.Info.Description = "Honeydipper's /api/events, and the runs, workflows, rules and drivers of a namespace. Bearer tokens: Kubernetes service account or user tokens in a cluster, the token file's tokens in local mode.";
            return Task.CompletedTask;
        }));
        builder.Services.AddRateLimiter(r =>
        {
            r.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx => RateLimitPartition.GetTokenBucketLimiter(ClientKey(ctx), _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, options.RateBurst),
                TokensPerPeriod = Math.Max(1, options.RatePerSecond),
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
            r.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.Response.Headers.RetryAfter = "1";
                await Problems.WriteAsync(ctx.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"more than {options.RatePerSecond} requests a second (bursts of {options.RateBurst}) from this client; try again shortly").ConfigureAwait(false);
            };
        });
        _app = builder.Build();
        _app.Use(CatchAsync);
        _app.UseRouting();
        _app.UseRateLimiter();
        _app.Use(AuthorizeAsync);
        _app.MapGet("/healthz", () => Results.Text("ok\n")).ExcludeFromDescription();
        _app.MapOpenApi("/openapi/{documentName}.json");
        EventsEndpoints.Map(_app, this);
        RunsEndpoints.Map(_app, this);
        ConfigEndpoints.Map(_app, this);
        DashboardEndpoints.Map(_app);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        string? address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Address = address is null ? null : new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        string shown = Address?.ToString() ?? options.Listen;
        Log.Listening(_logger, shown);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The namespace a request works on: the route's, else <c>?namespace=</c>, else the default.</summary>
    internal static string NamespaceOf(HttpContext context) => (string)context.Items[NamespaceItem]!;

    internal static ApiUser UserOf(HttpContext context) => (ApiUser)context.Items[UserItem]!;

    // A client is its bearer token (hashed: the partition key is kept in memory) or, without one, its address.
    private static string ClientKey(HttpContext context)
    {
        string? token = Bearer(context.Request);
        return token is null
            ? "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown")
            : "token:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..32];
    }

    private static string? Bearer(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    private async Task CatchAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !context.Response.HasStarted)
        {
            Log.Failed(_logger, context.Request.Method, context.Request.Path, ex);
            await Problems.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal error", ex.Message).ConfigureAwait(false);
        }
    }

    private async Task AuthorizeAsync(HttpContext context, RequestDelegate next)
    {
        ApiAccess? access = context.GetEndpoint()?.Metadata.GetMetadata<ApiAccess>();
        if (access is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        string ns = context.GetRouteValue("ns") as string ?? context.Request.Query["namespace"].FirstOrDefault() ?? options.DefaultNamespace;
        context.Items[NamespaceItem] = ns;
        IPAddress? remote = context.Connection.RemoteIpAddress;
        (ApiUser? user, string why) = await authenticator.AuthenticateAsync(Bearer(context.Request), remote, context.RequestAborted).ConfigureAwait(false);
        if (user is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"honeydipper\"";
            await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", why).ConfigureAwait(false);
            return;
        }

        context.Items[UserItem] = user;
        if (access.Resource.Length > 0)
        {
            (bool allowed, string reason) = await authorizer.AuthorizeAsync(user, access, ns, context.RequestAborted).ConfigureAwait(false);
            if (!allowed)
            {
                await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden",
                    $"{user.Name} may not {access.Verb} {access.Resource}.{ApiAccess.Group} in namespace {ns}" + (reason.Length > 0 ? $": {reason}" : string.Empty)).ConfigureAwait(false);
                return;
            }
        }

        await next(context).ConfigureAwait(false);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 800, Level = LogLevel.Information, Message = "API and dashboard listening on {Address}")]
        public static partial void Listening(ILogger logger, string address);

        [LoggerMessage(EventId = 801, Level = LogLevel.Error, Message = "{Method} {Path} failed")]
        public static partial void Failed(ILogger logger, string method, string path, Exception exception);
    }
}
