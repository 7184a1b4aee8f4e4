namespace Scheduler.Actors;

/// <summary>
/// Receive timeout without a timer per message: each message only records the time; one pending check fires after
/// the timeout and either delivers <see cref="Actors.ReceiveTimeout"/> or re-arms for the time that is left.
/// </summary>
internal sealed partial class ActorCell
{

    public TimeSpan? ReceiveTimeout => ReceiveTimeoutSetting;

    public void SetReceiveTimeout(TimeSpan? timeout)
    {
        ReceiveTimeoutCheck?.Cancel();
        ReceiveTimeoutCheck = null;
        ReceiveTimeoutGeneration++;
        if (timeout is not { } value || value <= TimeSpan.Zero || value == Timeout.InfiniteTimeSpan)
        {
            ReceiveTimeoutSetting = null;
            return;
        }

        ReceiveTimeoutSetting = value;
        MarkActivity();
        ArmReceiveTimeout(value);
    }

    private void MarkActivity() => LastActivity = _system.TimeProvider.GetTimestamp();

    /// <summary>Before the handler runs: anything the handler causes happens after the activity it counts from.</summary>
    private void MarkActivityFor(object message)
    {
        if (ReceiveTimeoutSetting is not null && message is not INotInfluenceReceiveTimeout)
        {
            MarkActivity();
        }
    }

    private void ArmReceiveTimeout(TimeSpan delay) =>
        ReceiveTimeoutCheck = _system.Scheduler.ScheduleTellOnce(delay, SelfRef, new ReceiveTimeoutTick(ReceiveTimeoutGeneration), null);

    private void HandleReceiveTimeoutTick(ReceiveTimeoutTick tick)
    {
        if (tick.Generation != ReceiveTimeoutGeneration || ReceiveTimeoutSetting is not { } timeout)
        {
            return;
        }

        var idle = _system.TimeProvider.GetElapsedTime(LastActivity);
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
