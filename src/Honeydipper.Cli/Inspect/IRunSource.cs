namespace Honeydipper.Cli.Inspect;

/// <summary>
/// Where the inspection commands read and start runs: the HTTP API (<see cref="ApiRunSource"/>) or the cluster's
/// WorkflowRun objects (<see cref="ClusterRunSource"/>). Runs are the API's Go-shaped maps in both, so that one
/// <see cref="RunPrinter"/> prints them. Failures a person can act on are thrown as <see cref="ApiCallException"/>.
/// </summary>
internal interface IRunSource : IDisposable
{
    /// <summary>How wide the run column usually needs to be (API ids are short numbers; object names are longer).</summary>
    int IdWidth { get; }

    /// <summary>The runs the filter picks, newest first, without their steps.</summary>
    Task<IReadOnlyList<IDictionary<string, object?>>> ListAsync(RunFilter filter, CancellationToken cancellationToken);

    /// <summary>The runs the filter picks as they are now, then each change, until cancelled.</summary>
    IAsyncEnumerable<IDictionary<string, object?>> WatchAsync(RunFilter filter, CancellationToken cancellationToken);

    /// <summary>One run with its steps, exported data and errors.</summary>
    Task<IDictionary<string, object?>> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Starts a workflow with these context values; the run as it is just after.</summary>
    Task<IDictionary<string, object?>> StartAsync(string workflow, IReadOnlyDictionary<string, object?> with, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels a running or waiting run, with a reason when the source can carry one (the API can; a WorkflowRun's
    /// spec.cancel cannot, and its reason names the object); the run as it is just after.
    /// </summary>
    Task<IDictionary<string, object?>> CancelAsync(string id, string? reason, CancellationToken cancellationToken);

    /// <summary>The run once it has finished (Succeeded, Failed, Error, Skipped or Cancelled), with its steps.</summary>
    Task<IDictionary<string, object?>> WaitAsync(string id, CancellationToken cancellationToken);
}
