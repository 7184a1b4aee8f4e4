using Microsoft.Extensions.Logging;

namespace Scheduler.TestKit;

/// <summary>One line that the system under test logged.</summary>
public sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception);
