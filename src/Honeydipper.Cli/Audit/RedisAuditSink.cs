using Honeydipper.Api.Audit;
using Honeydipper.Bus.Protocol;
using Honeydipper.Bus.Redis;

namespace Honeydipper.Cli.Audit;

/// <summary>
/// Audit records on a Redis stream, <c>hd:{ns}:audit</c> per namespace, each entry one field <c>record</c> holding the
/// redacted JSON; the stream keeps about <c>maxLength</c> entries (<c>XADD MAXLEN ~</c>).
/// </summary>
internal sealed class RedisAuditSink(RedisMessageBus bus, int maxLength) : IAuditSink
{
    public static string Key(string ns) => BusKeys.Prefix(ns.Length > 0 ? ns : "_") + "audit";

    public Task WriteAsync(AuditRecord record, string json, CancellationToken cancellationToken) =>
        bus.AppendCappedAsync(Key(record.Namespace), [new("action", record.Action), new("record", json)], maxLength, cancellationToken);
}
