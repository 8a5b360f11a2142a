using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Honeydipper.Api.Tests;

/// <summary>A logger factory that keeps every line per category, to assert what was logged (the audit trail).</summary>
internal sealed class CapturedLogs : ILoggerFactory, ILoggerProvider
{
    public ConcurrentQueue<(string Category, string Message, IReadOnlyList<KeyValuePair<string, object?>> State)> Lines { get; } = new();

    public IEnumerable<IReadOnlyList<KeyValuePair<string, object?>>> Audit => Lines.Where(l => l.Category == Honeydipper.Api.Audit.AuditLog.Category).Select(l => l.State);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue((category, formatter(state, exception), state as IReadOnlyList<KeyValuePair<string, object?>> ?? []));
    }
}
