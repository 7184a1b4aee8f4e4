using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Scheduler.Actors;

/// <summary>
/// The scheduler on <see cref="System.TimeProvider.CreateTimer"/>. Pending items are kept in a set, so a caller
/// that drops the returned handle does not let the timer be collected before it fires; after the system stops,
/// every pending item is cancelled and new ones are refused.
/// </summary>
internal sealed partial class TimeProviderScheduler(TimeProvider timeProvider, ILogger logger) : IScheduler, IDisposable
{
    private readonly ConcurrentDictionary<Item, byte> _pending = new();
    private volatile bool _disposed;

    public TimeProvider TimeProvider { get; } = timeProvider;

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return Schedule(delay, null, () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return Schedule(initialDelay, RequirePositive(interval), () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Schedule(delay, null, action);
    }

    public ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Schedule(initialDelay, RequirePositive(interval), action);
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var item in _pending.Keys)
        {
            item.Cancel();
        }
    }

    private static TimeSpan RequirePositive(TimeSpan interval) =>
        interval > TimeSpan.Zero ? interval : throw new ArgumentOutOfRangeException(nameof(interval), interval, "A repeated schedule needs a positive interval.");

    private Item Schedule(TimeSpan delay, TimeSpan? interval, Action action)
    {
        var item = new Item(this, action, interval is not null);
        if (_disposed)
        {
            item.Cancel();
            return item;
        }

        _pending[item] = 0;
        var due = delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        item.Start(TimeProvider.CreateTimer(static state => ((Item)state!).Fire(), item, due, interval ?? Timeout.InfiniteTimeSpan));
        if (_disposed)
        {
            item.Cancel();
        }

        return item;
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Error, Message = "A scheduled action threw")]
    private static partial void ActionFailed(ILogger logger, Exception exception);

    private sealed class Item(TimeProviderScheduler owner, Action action, bool periodic) : ICancelable
    {
        private ITimer? _timer;
        private int _cancelled;

        public bool IsCancellationRequested => Volatile.Read(ref _cancelled) != 0;

        public void Start(ITimer timer)
        {
            Volatile.Write(ref _timer, timer);
            if (IsCancellationRequested)
            {
                timer.Dispose();
            }
        }

        public void Cancel()
        {
            if (Interlocked.Exchange(ref _cancelled, 1) != 0)
            {
                return;
            }

            Volatile.Read(ref _timer)?.Dispose();
            owner._pending.TryRemove(this, out _);
        }

        public void Fire()
        {
            if (IsCancellationRequested)
            {
                return;
            }

            if (!periodic)
            {
                Cancel();
            }

            try
            {
                action();
            }
            catch (Exception exception)
            {
                ActionFailed(owner._logger, exception);
            }
        }
    }

    private readonly ILogger _logger = logger;
}
