using Honeydipper.Bus;
using Honeydipper.Core.Values;
using Honeydipper.Drivers.Sdk;
using Honeydipper.Hosting;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Operator.Plumbing;

/// <summary>
/// The original's <c>redispubsub</c> driver, served by the operator for each namespace it runs: its <c>send</c> action
/// broadcasts to the daemon. <c>reload</c> (the essentials' <c>reload</c> workflow) syncs the namespace's ConfigRepos
/// at once and compiles the namespace again; <c>resume_session</c> (the essentials' <c>resume_workflow</c>) resumes the
/// session waiting on the given key. A forced reload does not stop the operator (a cluster restarts nothing for it): it
/// reloads like any other.
/// </summary>
internal sealed class BroadcastDriver(IMessageBus bus, string ns, EngineHost engine, Func<string, CancellationToken, Task> reload, OperatorOptions options)
{
    /// <summary>The driver name configurations call (<c>call_driver: redispubsub.send</c>).</summary>
    public const string Name = "redispubsub";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using DriverHost host = new(bus, new DriverHostOptions
        {
            Namespace = ns,
            Driver = Name,
            Instance = options.Identity,
            Time = options.Time,
            ClaimIdleAfter = options.ClaimIdleAfter,
        }, options.LoggerFactory.CreateLogger("Honeydipper.Operator.Broadcast"));
        host.Handle("send", SendAsync);
        try
        {
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The engine's term is over.
        }
    }

    private async Task<CommandResult> SendAsync(CommandContext context, CancellationToken cancellationToken)
    {
        IDictionary<string, object?> parameters = context.Parameters;
        string subject = context.Text("broadcastSubject");
        IDictionary<string, object?>? data = parameters.TryGetValue("data", out object? d) ? d as IDictionary<string, object?> : null;
        switch (subject)
        {
            case "reload":
                await reload(ns, cancellationToken).ConfigureAwait(false);
                return CommandResult.Success(new Dictionary<string, object?> { ["reloaded"] = ns });
            case "resume_session":
                string key = Text(data, "key") ?? Text(parameters, "key") ?? string.Empty;
                if (key.Length == 0)
                {
                    return CommandResult.Error("resume_session needs the session's resume token as data.key (or key)");
                }

                IDictionary<string, object?>? given = (data is not null && data.TryGetValue("labels", out object? dl) ? dl : parameters.TryGetValue("labels", out object? pl) ? pl : null) as IDictionary<string, object?>;
                Dictionary<string, string> labels = new(StringComparer.Ordinal);
                foreach ((string name, object? value) in given ?? new Dictionary<string, object?>())
                {
                    if (value is not null)
                    {
                        labels[name] = GoValueFormatter.Format(value);
                    }
                }

                object? payload = data is not null && data.TryGetValue("payload", out object? p) ? p : null;
                return await engine.ResumeAsync(key, labels, payload).ConfigureAwait(false)
                    ? CommandResult.Success(new Dictionary<string, object?> { ["resumed"] = key })
                    : CommandResult.Error($"no session waits on resume token {key}");
            default:
                return CommandResult.Error($"broadcastSubject \"{subject}\" is not one the operator handles (reload, resume_session)");
        }
    }

    private static string? Text(IDictionary<string, object?>? map, string key) =>
        map is not null && map.TryGetValue(key, out object? value) && value is not null ? GoValueFormatter.Format(value) : null;
}
