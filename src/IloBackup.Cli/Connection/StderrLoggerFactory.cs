using Microsoft.Extensions.Logging;

namespace IloBackup.Cli.Connection;

/// <summary>
/// A minimal logger for the CLI: one line per event on stderr. The libraries never put secrets
/// in their log arguments; this sink prints only the formatted message, and, when
/// <paramref name="exceptions"/> is set (the emulator, whose failures are bugs to report), the
/// exception after it.
/// </summary>
internal sealed class StderrLoggerFactory(TextWriter error, LogLevel minimum, bool exceptions = false) : ILoggerFactory
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private void Write(LogLevel level, string message)
    {
        lock (_gate)
        {
            error.WriteLine($"{Label(level)}: {message}");
        }
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Warning => "warning",
        LogLevel.Error or LogLevel.Critical => "error",
        _ => "log",
    };

    private sealed class Logger(StderrLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= owner.Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var message = formatter(state, null);
                owner.Write(logLevel, owner.Exceptions && exception is not null ? $"{message}: {exception}" : message);
            }
        }
    }

    public LogLevel Minimum => minimum;

    public bool Exceptions => exceptions;
}
