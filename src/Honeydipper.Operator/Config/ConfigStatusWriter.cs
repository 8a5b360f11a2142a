using System.Collections.Concurrent;
using Honeydipper.Kubernetes.Runtime.Queues;
using Honeydipper.Operator.Compilation;
using Honeydipper.Operator.Kube;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Operator.Config;

/// <summary>
/// Writes the Ready condition of each configuration object from its namespace's last compile, one object per queue
/// item: a failed write retries that object alone, with its own backoff, and never holds up the compile or the other
/// objects. A write is skipped when the status already says the same for the same generation, and the wanted status
/// is read when the write is made, so whatever happened in between, the last compile's verdict is the one written.
/// </summary>
internal sealed partial class ConfigStatusWriter
{
    /// <summary>Status writes in flight at once: enough to overlap the API's latency, few enough for two cores.</summary>
    private const int Workers = 4;

    private readonly Dictionary<string, IConfigKind> _kinds;
    private readonly EventRecorder _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<StatusKey, WantedStatus> _wanted = new();

    public ConfigStatusWriter(IEnumerable<IConfigKind> kinds, EventRecorder events, OperatorOptions options)
    {
        _kinds = kinds.ToDictionary(k => k.Kind, StringComparer.Ordinal);
        _events = events;
        _time = options.Time;
        _logger = options.LoggerFactory.CreateLogger("Honeydipper.Operator.Config");
        Queue = new WorkQueue<StatusKey>(RateLimiters.Default<StatusKey>(options.Time), options.Time);
    }

    public WorkQueue<StatusKey> Queue { get; }

    /// <summary>A compile's verdicts for every object of the namespace: kept as wanted, and queued where the status differs.</summary>
    public void Publish(string ns, IEnumerable<(IConfigKind Kind, ConfigObject Object, WantedStatus Wanted)> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        HashSet<StatusKey> compiled = [];
        foreach ((IConfigKind kind, ConfigObject obj, WantedStatus wanted) in statuses)
        {
            StatusKey key = new(kind.Kind, ns, obj.Name);
            compiled.Add(key);
            _wanted[key] = wanted; // before queueing: a worker reads the latest when it writes
            if (kind.NeedsWrite(ns, obj.Name, wanted))
            {
                Queue.Add(key);
            }
        }

        foreach (StatusKey gone in _wanted.Keys.Where(k => k.Namespace == ns && !compiled.Contains(k)))
        {
            _wanted.TryRemove(gone, out _);
            _kinds[gone.Kind].Forget(ns, gone.Name);
        }
    }

    /// <summary>The object changed but not in anything the compile reads (its status, say): check its status again.</summary>
    public void Recheck(string kind, string ns, string name)
    {
        StatusKey key = new(kind, ns, name);
        if (_wanted.ContainsKey(key))
        {
            Queue.Add(key);
        }
    }

    /// <summary>Forgets every wanted status: a new term compiles each namespace before writing any.</summary>
    public void Reset() => _wanted.Clear();

    /// <summary>Runs while leading.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(() => WorkAsync(cancellationToken), CancellationToken.None)));

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            StatusKey key;
            try
            {
                key = await Queue.TakeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await WriteAsync(key, cancellationToken).ConfigureAwait(false);
                Queue.Forget(key);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Queue.Add(key);
            }
            catch (Exception ex)
            {
                Log.StatusFailed(_logger, key.Kind, key.Namespace, key.Name, ex.Message);
                Queue.AddRateLimited(key);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    private async Task WriteAsync(StatusKey key, CancellationToken cancellationToken)
    {
        if (!_wanted.TryGetValue(key, out WantedStatus? wanted))
        {
            return; // gone from the namespace since it was queued
        }

        IConfigKind kind = _kinds[key.Kind];
        if (await kind.WriteStatusAsync(key.Namespace, key.Name, wanted, _time, cancellationToken).ConfigureAwait(false) == StatusWrite.Flipped)
        {
            await _events.RecordAsync(kind.Reference(key.Namespace, key.Name), wanted.Ready ? EventRecorder.Normal : EventRecorder.Warning,
                wanted.Reason, wanted.Message, cancellationToken).ConfigureAwait(false);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 331, Level = LogLevel.Warning, Message = "{Kind} {Namespace}/{Name}: could not write its status, trying again: {Error}")]
        public static partial void StatusFailed(ILogger logger, string kind, string @namespace, string name, string error);
    }
}

/// <summary>A configuration object whose status is written: kind, namespace and metadata.name.</summary>
internal sealed record StatusKey(string Kind, string Namespace, string Name);
