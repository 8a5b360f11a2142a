using System.Collections.Concurrent;
using Honeydipper.Api.Audit;
using Honeydipper.Api.Runs;
using Honeydipper.Bus;
using Honeydipper.Bus.Protocol;
using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Engine.Runs;
using Honeydipper.Hosting;

namespace Honeydipper.Api;

/// <summary>
/// One namespace as the API sees it: its engine, the configuration it runs, the runs it has seen, and how to ask a
/// driver's health. Feed it the engine's run updates with <see cref="OnRunsChanged"/>.
/// </summary>
public sealed class ApiNamespace
{
    private readonly ConcurrentDictionary<string, string> _startedBy = new(StringComparer.Ordinal); // eventID → who asked
    private readonly DateTimeOffset _since;
    private readonly AuditLog _audit;

    public ApiNamespace(string ns, EngineHost host, IMessageBus bus, Func<HoneydipperConfig> config, AuditLog audit, TimeProvider time, int keepRuns = 10_000)
    {
        ArgumentNullException.ThrowIfNull(time);
        Namespace = ns;
        Host = host;
        Bus = bus;
        Config = config;
        _audit = audit;
        _since = time.GetUtcNow() - TimeSpan.FromSeconds(1);
        Runs = new RunStore(keepRuns);
        Runs.Started += AuditStart;
    }

    public string Namespace { get; }

    public EngineHost Host { get; }

    public IMessageBus Bus { get; }

    public Func<HoneydipperConfig> Config { get; }

    public RunStore Runs { get; }

    /// <summary>A driver's health as JSON (the driver's heartbeat), or null when unknown; set by whoever runs the drivers.</summary>
    public Func<string, CancellationToken, Task<string?>> DriverHealth { get; init; } = (_, _) => Task.FromResult<string?>(null);

    /// <summary>Called by the engine after each saved turn (on its loop: the store only copies references).</summary>
    public void OnRunsChanged(IReadOnlyCollection<RunRecord> runs) => Runs.Record(runs);

    /// <summary>Remembers who started the runs of this event id, for the audit record of their start.</summary>
    internal void StartedBy(string eventId, string actor)
    {
        if (_startedBy.Count > 10_000)
        {
            _startedBy.Clear(); // only a start still in flight needs it; a burst past this loses attribution, not runs
        }

        _startedBy[eventId] = actor;
    }

    /// <summary>Publishes an event as a driver would, so that it takes the same durable path to the engine.</summary>
    internal Task PublishEventAsync(string name, object? data, string eventId, CancellationToken cancellationToken)
    {
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        (string driver, string raw) = dot < 0 ? (name, string.Empty) : (name[..dot], name[(dot + 1)..]);
        BusEvent ev = new(Guid.NewGuid().ToString("N"), driver, raw, new Dictionary<string, string>(StringComparer.Ordinal) { ["eventID"] = eventId }, data);
        return Bus.PublishAsync(StreamName.Events(Namespace), ev.ToMessage(), cancellationToken);
    }

    private void AuditStart(RunRecord run)
    {
        if (run.StartedAt < _since)
        {
            return; // started before this process served the namespace (a restart, a new leader): audited then
        }

        string actor = _startedBy.TryRemove(run.EventId, out string? who) ? who
            : run.Rule.Length > 0 ? $"event {run.EventName} ({run.EventId}) via rule {run.Rule}"
            : $"request {run.EventId}";
        _audit.Write(new AuditRecord("run.start", actor, Namespace, $"run/{run.Id}", new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["workflow"] = run.Name,
            ["rule"] = run.Rule,
            ["event"] = run.EventName,
            ["eventID"] = run.EventId,
        }));
    }
}
