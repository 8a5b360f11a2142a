using Honeydipper.Core.Config;
using Honeydipper.Core.Config.Model;
using Honeydipper.Core.Engine.Rules;
using Honeydipper.Core.Engine.Sessions;
using Honeydipper.Core.Interpolation;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Core.Engine;

/// <summary>
/// Honeydipper's engine service (rules and sessions) with its operator folded in (function collapsing). It is a single
/// loop: every input is queued and <see cref="RunUntilIdle"/> processes the queue until nothing is left, so sessions
/// progress in a deterministic order and need no locks. Not thread-safe: a host serialises the calls (local mode and
/// the operator run it on one task; tests and <c>honeydipper test</c> call it directly).
/// </summary>
public sealed partial class WorkflowEngine
{
    private readonly EngineOptions _options;
    private readonly Queue<(Session? Owner, Action Work)> _work = new();
    private readonly Func<string> _sessionIds;
    private bool _draining;
    private long _nextSessionId;

    public WorkflowEngine(IEngineOutput output, EngineOptions? options = null)
    {
        Output = output ?? throw new ArgumentNullException(nameof(output));
        _options = options ?? new EngineOptions();
        _sessionIds = _options.SessionIds ?? (() => (_nextSessionId++).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Configure(HoneydipperConfig.Empty);
    }

    public HoneydipperConfig Config { get; private set; } = HoneydipperConfig.Empty;

    /// <summary>The rules of the current configuration, collapsed and indexed.</summary>
    public RuleIndex Rules { get; private set; } = null!;

    internal Interpolator Interpolator { get; private set; } = null!;

    internal IEngineOutput Output { get; }

    internal ILogger Logger => _options.Logger;

    internal string DaemonId => _options.DaemonId;

    internal DateTimeOffset Now => _options.Time.GetUtcNow();

    /// <summary>Sessions that are running or waiting.</summary>
    public int SessionCount => _sessions.Count;

    /// <summary>
    /// Swaps in a configuration generation: rules collapsed and indexed, a fresh template cache. Running sessions
    /// carry on with the new configuration for whatever they look up next, as in the original.
    /// </summary>
    public void Configure(HoneydipperConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Interpolator interpolator = new(new Templates.TemplateOptions { TimeProvider = _options.Time, LocalTimeZone = _options.Time.LocalTimeZone });
        RuleIndex rules = RuleIndex.Build(config, interpolator);
        foreach (ConfigProblem problem in rules.Problems)
        {
            EngineLog.RuleSkipped(Logger, problem.Subject, problem.Message);
        }

        (Config, Interpolator, Rules) = (config, interpolator, rules);
    }

    /// <summary>
    /// A raw event from a driver (<c>driver</c>, <c>rawEvent</c>, its data): every rule whose trigger matches starts
    /// its own session. Returns how many rules matched.
    /// </summary>
    public int HandleEvent(string driver, string rawEvent, object? data, IReadOnlyDictionary<string, string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(driver);
        string key = $"{driver}.{rawEvent}";
        List<CollapsedRule> matched = Rules.Match(key, data);
        if (matched.Count == 0)
        {
            return 0;
        }

        Dictionary<string, string> messageLabels = labels is null ? new(StringComparer.Ordinal) : new(labels, StringComparer.Ordinal);
        if (!messageLabels.TryGetValue("eventID", out string? eventId) || eventId.Length == 0)
        {
            messageLabels["eventID"] = eventId = _options.EventIds();
        }

        foreach (CollapsedRule rule in matched)
        {
            Dictionary<string, object?> payload = new(StringComparer.Ordinal) { ["events"] = new List<object?> { key }, ["data"] = data };
            DipperMessage msg = new(new Dictionary<string, string>(messageLabels, StringComparer.Ordinal), payload);
            Enqueue(null, () =>
            {
                IDictionary<string, object?> ctx = EventContext.Export(rule.Trigger, data, Interpolator);
                StartSession(rule.Rule.Do, msg, ctx, rule.Subject);
            });
        }

        RunUntilIdle();
        return matched.Count;
    }

    /// <summary>Runs a workflow now (a WorkflowRun, the API, <c>honeydipper test</c>): by name, or inline when <paramref name="name"/> is empty.</summary>
    /// <returns>The run's id, or empty when the workflow's condition kept it from running.</returns>
    public string StartWorkflow(string name, WorkflowDefinition? inline, IDictionary<string, object?>? ctx, IReadOnlyDictionary<string, string>? labels = null)
    {
        WorkflowDefinition workflow;
        if (!string.IsNullOrEmpty(name))
        {
            workflow = Config.Workflows.TryGetValue(name, out WorkflowDefinition? named)
                ? (named.Name.Length > 0 ? named : named with { Name = name })
                : throw new WorkflowException($"workflow error: not defined: {name}");
        }
        else
        {
            workflow = inline ?? throw new ArgumentException("a workflow name or an inline workflow is required", nameof(inline));
        }

        Dictionary<string, string> messageLabels = labels is null ? new(StringComparer.Ordinal) : new(labels, StringComparer.Ordinal);
        if (!messageLabels.ContainsKey("eventID"))
        {
            messageLabels["eventID"] = _options.EventIds();
        }

        Session? started = null;
        Enqueue(null, () => started = StartSession(workflow, new DipperMessage(messageLabels, null), ctx, string.Empty));
        RunUntilIdle();
        return started?.RunId ?? string.Empty;
    }

    /// <summary>Processes queued work until none is left; safe to call from inside the engine's own callbacks.</summary>
    public void RunUntilIdle()
    {
        if (_draining)
        {
            return;
        }

        _draining = true;
        try
        {
            while (_work.TryDequeue(out (Session? Owner, Action Work) item))
            {
                Run(item.Owner, item.Work);
            }
        }
        finally
        {
            _draining = false;
        }
    }

    /// <summary>Not an out-of-memory condition: the session can end with status error and the engine carry on.</summary>
    internal static bool IsRecoverable(Exception ex) => ex is not (OutOfMemoryException or InsufficientExecutionStackException);

    private Session? StartSession(WorkflowDefinition workflow, DipperMessage msg, IDictionary<string, object?>? ctx, string rule)
    {
        string eventId = msg.Labels.GetValueOrDefault("eventID") ?? string.Empty;
        Session session = new(this, string.Empty, eventId, workflow, "r") { Rule = rule };
        try
        {
            session.Prepare(msg, null, ctx);
            session.Execute(msg);
            return session;
        }
        catch (Exception ex) when (IsRecoverable(ex))
        {
            // The original only logs this; we also record a failed run so that people see why nothing happened.
            EngineLog.StartFailed(Logger, eventId, rule, ex.Message);
            RecordFailedStart(session, ex.Message);
            return session;
        }
    }

    private void Enqueue(Session? owner, Action work) => _work.Enqueue((owner, work));

    private void Run(Session? owner, Action work)
    {
        if (owner is not null)
        {
            MarkChanged(owner);
        }

        try
        {
            work();
        }
        catch (Exception ex) when (IsRecoverable(ex))
        {
            if (owner is null)
            {
                EngineLog.SessionFailed(Logger, string.Empty, ex.Message);
                return;
            }

            try
            {
                owner.OnError(ex);
            }
            catch (Exception inner) when (IsRecoverable(inner))
            {
                EngineLog.SessionFailed(Logger, owner.Id, inner.Message);
            }
        }
    }
}
