namespace Honeydipper.Api.Audit;

/// <summary>Somewhere audit records go besides the log (a Redis stream with bounded length, say).</summary>
public interface IAuditSink
{
    /// <param name="json">The record, redacted, as one JSON object.</param>
    Task WriteAsync(AuditRecord record, string json, CancellationToken cancellationToken);
}
