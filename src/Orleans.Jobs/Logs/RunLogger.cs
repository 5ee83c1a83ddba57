using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Orleans.Jobs.Logs;

/// <summary>
/// The logger a job sees: every line is kept for the run's log (flushed by the engine after each checkpoint)
/// and also written to the silo's own log.
/// </summary>
internal sealed class RunLogger(ILogger siloLogger, TimeProvider time, Func<int> attempt) : ILogger
{
    private readonly ConcurrentQueue<RunLogLine> _pending = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => siloLogger.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        _pending.Enqueue(new RunLogLine
        {
            Timestamp = time.GetUtcNow(),
            Level = logLevel.ToString(),
            Message = formatter(state, exception),
            Attempt = attempt(),
            Exception = exception is null ? null : $"{exception.GetType().FullName}: {exception.Message}",
        });
        siloLogger.Log(logLevel, eventId, state, exception, formatter);
    }

    /// <summary>Adds an engine note to the run's log only (the engine logs to the silo through its own messages).</summary>
    public void Note(LogLevel level, string message) => _pending.Enqueue(new RunLogLine
    {
        Timestamp = time.GetUtcNow(),
        Level = level.ToString(),
        Message = message,
        Attempt = attempt(),
    });

    /// <summary>Takes the lines written since the last call.</summary>
    public IReadOnlyList<RunLogLine> Drain()
    {
        var lines = new List<RunLogLine>();
        while (_pending.TryDequeue(out var line))
        {
            lines.Add(line);
        }

        return lines;
    }
}
