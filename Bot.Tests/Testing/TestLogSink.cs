using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TeamsItBot.Tests.Testing;

/// <summary>One captured log event with its structured fields.</summary>
public sealed record LogEntry(
    string Category,
    LogLevel Level,
    EventId EventId,
    string Message,
    Exception? Exception,
    IReadOnlyList<KeyValuePair<string, object?>> Fields)
{
    public object? this[string field] => Fields.FirstOrDefault(f => f.Key == field).Value;
}

/// <summary>A logger provider that keeps every event in memory so tests can assert on logs.</summary>
public sealed class TestLogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TestLogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            sink._entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception, [.. fields]));
        }
    }
}
