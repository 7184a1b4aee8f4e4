namespace Scheduler.Actors;

/// <summary>
/// Receive timeout without a timer per message: each message only records the time; one pending check fires after
/// the timeout and either delivers <see cref="Actors.ReceiveTimeout"/> or re-arms for the time that is left.
/// </summary>
internal sealed partial class ActorCell
{
    private TimeSpan? _receiveTimeout;
    private long _lastActivity;
    private int _receiveTimeoutGeneration;
    private ICancelable? _receiveTimeoutCheck;

    public TimeSpan? ReceiveTimeout => _receiveTimeout;

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        _receiveTimeoutCheck?.Cancel();
        _receiveTimeoutCheck = null;
        _receiveTimeoutGeneration++;
        if (timeout is not { } value || value <= TimeSpan.Zero || value == Timeout.InfiniteTimeSpan)
        {
            _receiveTimeout = null;
            return;
        }

        _receiveTimeout = value;
        MarkActivity();
        ArmReceiveTimeout(value);
    }

    private void MarkActivity() => _lastActivity = _system.TimeProvider.GetTimestamp();

    /// <summary>Before the handler runs: anything the handler causes happens after the activity it counts from.</summary>
    private void MarkActivityFor(object message)
    {
        if (_receiveTimeout is not null && message is not INotInfluenceReceiveTimeout)
        {
            MarkActivity();
        }
    }

    private void ArmReceiveTimeout(TimeSpan delay) =>
        _receiveTimeoutCheck = _system.Scheduler.ScheduleTellOnce(delay, SelfRef, new ReceiveTimeoutTick(_receiveTimeoutGeneration), null);

    private void HandleReceiveTimeoutTick(ReceiveTimeoutTick tick)
    {
        if (tick.Generation != _receiveTimeoutGeneration || _receiveTimeout is not { } timeout)
        {
            return;
        }

        var idle = _system.TimeProvider.GetElapsedTime(_lastActivity);
        if (idle < timeout)
        {
            ArmReceiveTimeout(timeout - idle);
            return;
        }

        MarkActivity();
        ArmReceiveTimeout(timeout);
        ReceiveMessage(Actors.ReceiveTimeout.Instance);
    }
}
