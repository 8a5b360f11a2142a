namespace Honeydipper.Api.Audit;

/// <summary>
/// One audited act: what (<c>run.start</c>, <c>event.add</c>, <c>config.apply</c>), who or what did it, in which
/// namespace, on what, and the details (secrets redacted before the record is written anywhere).
/// </summary>
public sealed record AuditRecord(string Action, string Actor, string Namespace, string Target, IReadOnlyDictionary<string, object?>? Details = null)
{
    /// <summary>When it happened; set by <see cref="AuditLog.Write"/> when left empty.</summary>
    public DateTimeOffset Time { get; init; }
}
