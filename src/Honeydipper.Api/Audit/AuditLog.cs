using Honeydipper.Core.Values;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Honeydipper.Api.Audit;

/// <summary>
/// Writes audit records: to the log under the category <see cref="Category"/> (one structured line each, with
/// <c>Action</c>, <c>Actor</c>, <c>Namespace</c>, <c>Target</c> and the record as JSON), and to an optional sink.
/// Values under keys that name secrets (password, token, secret, key, credential, authorization) are redacted, at any
/// depth. A sink that fails is logged and never fails the act it records.
/// </summary>
public sealed partial class AuditLog
{
    public const string Category = "Honeydipper.Audit";
    public const string Redacted = "[REDACTED]";
    private static readonly string[] SecretWords = ["password", "passwd", "token", "secret", "key", "credential", "authorization", "cookie"];
    private readonly ILogger _logger;
    private readonly IAuditSink? _sink;
    private readonly TimeProvider _time;

    public AuditLog(ILoggerFactory loggers, IAuditSink? sink = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _logger = loggers.CreateLogger(Category);
        _sink = sink;
        _time = time ?? TimeProvider.System;
    }

    public static AuditLog None { get; } = new(NullLoggerFactory.Instance);

    public void Write(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        AuditRecord redacted = record with
        {
            Time = record.Time == default ? _time.GetUtcNow() : record.Time,
            Details = record.Details is null ? null : (IReadOnlyDictionary<string, object?>)Redact(record.Details)!,
        };
        string json = ToJson(redacted);
        Log.Record(_logger, redacted.Action, redacted.Actor, redacted.Namespace, redacted.Target, json);
        if (_sink is not null)
        {
            _ = WriteSinkAsync(redacted, json);
        }
    }

    public static string ToJson(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return GoJson.Serialize(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["time"] = record.Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["action"] = record.Action,
            ["actor"] = record.Actor,
            ["namespace"] = record.Namespace,
            ["target"] = record.Target,
            ["details"] = record.Details is null ? null : new Dictionary<string, object?>(record.Details, StringComparer.Ordinal),
        });
    }

    /// <summary>A copy with every value under a secret-sounding key replaced.</summary>
    public static object? Redact(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(e => e.Key, e => IsSecret(e.Key) ? Redacted : Redact(e.Value), StringComparer.Ordinal),
        IDictionary<string, object?> map => map.ToDictionary(e => e.Key, e => IsSecret(e.Key) ? Redacted : Redact(e.Value), StringComparer.Ordinal),
        string => value,
        IEnumerable<object?> list => list.Select(Redact).ToList(),
        _ => value,
    };

    private static bool IsSecret(string key) => SecretWords.Any(w => key.Contains(w, StringComparison.OrdinalIgnoreCase));

    private async Task WriteSinkAsync(AuditRecord record, string json)
    {
        try
        {
            await _sink!.WriteAsync(record, json, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.SinkFailed(_logger, record.Action, ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 900, Level = LogLevel.Information, Message = "audit {Action} by {Actor} in {Namespace} on {Target}: {Record}")]
        public static partial void Record(ILogger logger, string action, string actor, string @namespace, string target, string record);

        [LoggerMessage(EventId = 901, Level = LogLevel.Warning, Message = "audit {Action}: the audit stream did not take the record: {Reason}")]
        public static partial void SinkFailed(ILogger logger, string action, string reason);
    }
}
