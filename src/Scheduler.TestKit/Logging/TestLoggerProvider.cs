using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Scheduler.TestKit;

/// <summary>
/// Sends the system's log to the test's output, except lines an active <see cref="EventFilter"/> expects:
/// those are counted and kept quiet, so an expected failure does not look like one in the output.
/// </summary>
internal sealed class TestLoggerProvider(ITestOutputHelper? output, LogLevel minimum) : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly List<EventFilter> _filters = [];
    private volatile bool _closed;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() => _closed = true;

    internal void AddFilter(EventFilter filter)
    {
        lock (_gate)
        {
            _filters.Add(filter);
        }
    }

    internal void RemoveFilter(EventFilter filter)
    {
        lock (_gate)
        {
            _filters.Remove(filter);
        }
    }

    private void Write(LogEntry entry)
    {
        lock (_gate)
        {
            foreach (var filter in _filters)
            {
                if (filter.TryIntercept(entry))
                {
                    return;
                }
            }
        }

        if (_closed || output is null || entry.Level < minimum)
        {
            return;
        }

        try
        {
            var exception = entry.Exception is null ? string.Empty : $"{Environment.NewLine}{entry.Exception}";
            output.WriteLine($"[{entry.Level}] {entry.Category}: {entry.Message}{exception}");
        }
        catch (InvalidOperationException)
        {
            // xunit refuses output once the test has finished; a late line from a stopping actor is not an error.
        }
    }

    private sealed class Logger(TestLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Write(new LogEntry(logLevel, category, formatter(state, exception), exception));
    }
}
