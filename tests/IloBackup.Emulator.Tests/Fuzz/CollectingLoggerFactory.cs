using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IloBackup.Emulator.Tests.Fuzz;

/// <summary>Keeps the emulator's warnings and errors (with their exception) so a fuzz report can say why a request got 500.</summary>
internal sealed class CollectingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CollectingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var where = exception?.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("IloBackup", StringComparison.Ordinal))?.Trim();
                owner.Lines.Enqueue($"{formatter(state, null)}: {exception?.GetType().Name} {exception?.Message} {where}");
            }
        }
    }
}
