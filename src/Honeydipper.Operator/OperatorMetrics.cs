using Prometheus;

namespace Honeydipper.Operator;

/// <summary>The operator's Prometheus metrics (served on /metrics), in a registry of its own.</summary>
public sealed class OperatorMetrics
{
    private readonly Counter _runsStarted;
    private readonly Counter _runsFinished;
    private readonly Counter _compiles;
    private readonly Counter _applies;
    private readonly Gauge _objects;
    private readonly Gauge _leader;
    private readonly Gauge _engines;

    public OperatorMetrics()
    {
        MetricFactory factory = Metrics.WithCustomRegistry(Registry);
        _runsStarted = factory.CreateCounter("honeydipper_runs_started_total", "WorkflowRuns the operator created for runs the engine started.", "namespace");
        _runsFinished = factory.CreateCounter("honeydipper_runs_finished_total", "Runs that ended, by phase.", "namespace", "phase");
        _compiles = factory.CreateCounter("honeydipper_config_compiles_total", "Times a namespace's configuration was compiled (a change of its objects, its Secrets or its ConfigRepo's commit, or the periodic resync).", "namespace");
        _applies = factory.CreateCounter("honeydipper_config_applies_total", "Times a compiled configuration differed from the one the namespace's engine ran and was swapped in.", "namespace");
        _objects = factory.CreateGauge("honeydipper_config_objects", "Configuration objects by Ready reason (Valid, Invalid, DriverNotFound, ...).", "namespace", "reason");
        _leader = factory.CreateGauge("honeydipper_operator_leader", "1 while this replica holds the lease and runs the engines.");
        _engines = factory.CreateGauge("honeydipper_engines", "Namespaces whose engine runs in this replica.");
    }

    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    public void RunStarted(string ns) => _runsStarted.WithLabels(ns).Inc();

    public void RunFinished(string ns, string phase) => _runsFinished.WithLabels(ns, phase).Inc();

    public void Compiled(string ns) => _compiles.WithLabels(ns).Inc();

    public void Applied(string ns, IEnumerable<string> reasons)
    {
        _applies.WithLabels(ns).Inc();
        foreach (string reason in (string[])[Compilation.VerdictReasons.Valid, Compilation.VerdictReasons.Invalid, Compilation.VerdictReasons.DriverNotFound, Compilation.VerdictReasons.SecretNotFound, Compilation.VerdictReasons.Duplicate])
        {
            _objects.WithLabels(ns, reason).Set(0);
        }

        foreach (IGrouping<string, string> group in reasons.GroupBy(r => r, StringComparer.Ordinal))
        {
            _objects.WithLabels(ns, group.Key).Set(group.Count());
        }
    }

    public void Leading(bool leading) => _leader.Set(leading ? 1 : 0);

    public void Engines(int count) => _engines.Set(count);
}
