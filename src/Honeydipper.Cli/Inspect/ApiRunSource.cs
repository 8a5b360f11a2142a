using System.Globalization;
using System.Runtime.CompilerServices;

namespace Honeydipper.Cli.Inspect;

/// <summary>Runs through the HTTP API of <c>honeydipper local</c> or of the operator.</summary>
internal sealed class ApiRunSource(Uri address, string? token, string ns) : IRunSource
{
    private readonly ApiClient _api = new(address, token, ns);

    public int IdWidth => 8;

    public async Task<IReadOnlyList<IDictionary<string, object?>>> ListAsync(RunFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        string query = string.Create(CultureInfo.InvariantCulture, $"?limit={filter.Limit}")
            + (filter.Phase is { } p ? "&phase=" + Uri.EscapeDataString(p) : string.Empty)
            + (filter.Workflow is { } w ? "&workflow=" + Uri.EscapeDataString(w) : string.Empty);
        IDictionary<string, object?> list = await Explained.CallAsync(() => _api.GetAsync(_api.RunsPath + query, cancellationToken), Explain).ConfigureAwait(false);
        return list.TryGetValue("items", out object? items) && items is IList<object?> l ? [.. l.OfType<IDictionary<string, object?>>()] : [];
    }

    public async IAsyncEnumerable<IDictionary<string, object?>> WatchAsync(RunFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await foreach (IDictionary<string, object?> run in Explained.StreamAsync(_api.WatchAsync(cancellationToken), Explain, cancellationToken).ConfigureAwait(false))
        {
            if (filter.Matches(run))
            {
                yield return run;
            }
        }
    }

    public Task<IDictionary<string, object?>> GetAsync(string id, CancellationToken cancellationToken) =>
        Explained.CallAsync(() => _api.GetAsync($"{_api.RunsPath}/{Uri.EscapeDataString(id)}", cancellationToken), Explain);

    public Task<IDictionary<string, object?>> StartAsync(string workflow, IReadOnlyDictionary<string, object?> with, CancellationToken cancellationToken) =>
        Explained.CallAsync(() => _api.PostAsync(_api.RunsPath, new Dictionary<string, object?> { ["workflow"] = workflow, ["with"] = with.ToDictionary(StringComparer.Ordinal) }, cancellationToken), Explain);

    public Task<IDictionary<string, object?>> CancelAsync(string id, string? reason, CancellationToken cancellationToken) =>
        Explained.CallAsync(() => _api.PostAsync($"{_api.RunsPath}/{Uri.EscapeDataString(id)}/cancel", new Dictionary<string, object?> { ["reason"] = reason ?? string.Empty }, cancellationToken), Explain);

    /// <summary>From the run stream, which sends every run first and then each change.</summary>
    public async Task<IDictionary<string, object?>> WaitAsync(string id, CancellationToken cancellationToken)
    {
        await foreach (IDictionary<string, object?> run in Explained.StreamAsync(_api.WatchAsync(cancellationToken), Explain, cancellationToken).ConfigureAwait(false))
        {
            if (run.TryGetValue("id", out object? runId) && runId as string == id && run.TryGetValue("phase", out object? phase) && phase is string p && RunFilter.IsFinished(p))
            {
                return run;
            }
        }

        throw new ApiCallException($"the API at {address} ended the run stream before run {id} finished: honeydipper run get {id} shows where it is");
    }

    public void Dispose() => _api.Dispose();

    private ApiCallException? Explain(Exception ex) => ex switch
    {
        ApiCallException known => known,
        HttpRequestException => new ApiCallException($"no API at {address}: {ex.Message} (is honeydipper local running? pass --api, or --cluster for the cluster's WorkflowRuns)"),
        IOException => new ApiCallException($"lost the connection to the API at {address}: {ex.Message}"),
        _ => null,
    };
}
