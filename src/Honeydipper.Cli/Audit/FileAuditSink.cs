using Honeydipper.Api.Audit;

namespace Honeydipper.Cli.Audit;

/// <summary>Audit records appended to a file, one JSON object a line (local mode's <c>--audit-log</c>).</summary>
internal sealed class FileAuditSink(string path) : IAuditSink
{
    private readonly Lock _gate = new();

    public Task WriteAsync(AuditRecord record, string json, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            File.AppendAllText(path, json + "\n");
        }

        return Task.CompletedTask;
    }
}
