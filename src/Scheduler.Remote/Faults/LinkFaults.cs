namespace Scheduler.Remote.Faults;

/// <summary>
/// Faults injected on this node's link to one peer, for multi-node specs: frames to the peer dropped, frames from it
/// dropped, or frames to it slowed to a byte rate. Every connection with that peer consults it, so a fault applies
/// to what is already connected as well as to what connects later. Untouched, it lets everything through.
/// </summary>
internal sealed class LinkFaults(TimeProvider timeProvider)
{
    private volatile bool _dropSends;
    private volatile bool _dropReceives;
    private long _sendBytesPerSecond;

    public bool DropSends => _dropSends;

    public bool DropReceives => _dropReceives;

    /// <summary>The rate frames to the peer are held to, or 0 for no limit.</summary>
    public long SendBytesPerSecond => Volatile.Read(ref _sendBytesPerSecond);

    public void Blackhole(bool sends, bool receives)
    {
        _dropSends |= sends;
        _dropReceives |= receives;
    }

    /// <summary>Lifts the blackhole and the throttle in the directions given.</summary>
    public void PassThrough(bool sends, bool receives)
    {
        if (sends)
        {
            _dropSends = false;
            Volatile.Write(ref _sendBytesPerSecond, 0);
        }

        if (receives)
        {
            _dropReceives = false;
        }
    }

    public void Throttle(long bytesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytesPerSecond);
        Volatile.Write(ref _sendBytesPerSecond, bytesPerSecond);
    }

    /// <summary>How long <paramref name="bytes"/> take at <paramref name="bytesPerSecond"/>.</summary>
    public static TimeSpan TimeToSend(long bytes, long bytesPerSecond) =>
        bytes <= 0 || bytesPerSecond <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)bytes / bytesPerSecond);

    /// <summary>Waits as long as <paramref name="bytes"/> take at the throttled rate; returns at once when not throttled.</summary>
    public Task WaitToSendAsync(long bytes, CancellationToken cancellationToken)
    {
        var delay = TimeToSend(bytes, SendBytesPerSecond);
        return delay == TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, timeProvider, cancellationToken);
    }
}
