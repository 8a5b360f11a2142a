using Microsoft.Extensions.Logging;

namespace Honeydipper.Reliability.Tests.Faults;

/// <summary>Keeps what the operator logs, so that a test that times out can say what it was doing.</summary>
internal sealed class LogLines : ILoggerProvider, ILogger
{
    private readonly List<string> _lines = [];

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
        {
            _lines.Add($"{logLevel}: {formatter(state, exception)}{(exception is null ? string.Empty : " " + exception.GetType().Name + ": " + exception.Message)}");
        }
    }

    public string Last(int count)
    {
        lock (_lines)
        {
            return string.Join('\n', _lines.TakeLast(count));
        }
    }

    public void Dispose()
    {
    }
}
