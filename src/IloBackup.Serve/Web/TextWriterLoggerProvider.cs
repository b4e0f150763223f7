using Microsoft.Extensions.Logging;

namespace IloBackup.Serve.Web;

/// <summary>The service's own log lines (information and up, not the framework's request chatter) to a writer: one line each.</summary>
public sealed class TextWriterLoggerProvider(TextWriter writer) : ILoggerProvider
{
    private readonly Lock _lock = new();
    private readonly TextWriter _writer = writer;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName.StartsWith("Microsoft", StringComparison.Ordinal) ? LogLevel.Warning : LogLevel.Information);

    public void Dispose()
    {
    }

    private sealed class Logger(TextWriterLoggerProvider owner, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            lock (owner._lock)
            {
                owner._writer.WriteLine($"serve: {logLevel.ToString().ToLowerInvariant()}: {formatter(state, exception)}");
                owner._writer.Flush();
            }
        }
    }
}
