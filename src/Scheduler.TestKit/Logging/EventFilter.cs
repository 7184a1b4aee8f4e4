using Microsoft.Extensions.Logging;

namespace Scheduler.TestKit;

/// <summary>
/// "Expect this many log lines like this while doing that": <c>EventFilter.Exception&lt;X&gt;().ExpectOne(() =&gt; ...)</c>.
/// Matching lines are counted and kept out of the output; after the action, the filter waits for the expected
/// count and fails if it sees fewer, or more.
/// </summary>
public sealed class EventFilter
{
    private readonly TestKitBase _kit;
    private readonly LogLevel? _level;
    private readonly Type? _exceptionType;
    private readonly string? _contains;
    private readonly object _gate = new();
    private int _matched;

    internal EventFilter(TestKitBase kit, LogLevel? level, Type? exceptionType, string? contains)
    {
        _kit = kit;
        _level = level;
        _exceptionType = exceptionType;
        _contains = contains;
    }

    /// <summary>Expects exactly one matching line while <paramref name="action"/> runs.</summary>
    public void ExpectOne(Action action) => Expect(1, action);

    /// <summary>Expects exactly <paramref name="count"/> matching lines while <paramref name="action"/> runs.</summary>
    public void Expect(int count, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_gate)
        {
            _matched = 0;
        }

        _kit.Logs.AddFilter(this);
        try
        {
            action();
            var deadline = TestKitBase.Deadline(_kit.RemainingOrDefault(null));
            lock (_gate)
            {
                while (_matched < count)
                {
                    var left = TestKitBase.Until(deadline);
                    if (left <= TimeSpan.Zero || !Monitor.Wait(_gate, left))
                    {
                        break;
                    }
                }

                if (_matched != count)
                {
                    throw new AssertionFailedException($"Expected {count} log line(s) {this}, but saw {_matched}.");
                }
            }
        }
        finally
        {
            _kit.Logs.RemoveFilter(this);
        }
    }

    internal bool TryIntercept(LogEntry entry)
    {
        if ((_level is { } level && entry.Level != level) ||
            (_exceptionType is not null && !_exceptionType.IsInstanceOfType(entry.Exception)) ||
            (_contains is not null && !entry.Message.Contains(_contains, StringComparison.Ordinal)))
        {
            return false;
        }

        lock (_gate)
        {
            _matched++;
            Monitor.PulseAll(_gate);
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"at level {_level?.ToString() ?? "any"}" +
        (_exceptionType is null ? string.Empty : $" with exception {_exceptionType.Name}") +
        (_contains is null ? string.Empty : $" containing \"{_contains}\"");
}
