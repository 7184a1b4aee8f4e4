using Microsoft.Extensions.Logging;

namespace Scheduler.Actors;

/// <summary>
/// Logs dead letters at information level, at most <c>log-dead-letters</c> of them, then stays quiet for
/// <c>log-dead-letters-suspend-duration</c> and starts counting again, so a storm of undeliverable messages cannot
/// flood the log.
/// </summary>
internal sealed partial class DeadLetterListener : ActorBase
{
    private readonly int _maxCount;
    private readonly TimeSpan _suspendDuration;
    private readonly bool _logDuringShutdown;
    private int _count;
    private long? _suspendedAt;

    public DeadLetterListener(ActorSystemSettings settings)
    {
        _maxCount = settings.LogDeadLetters;
        _suspendDuration = settings.LogDeadLettersSuspendDuration;
        _logDuringShutdown = settings.LogDeadLettersDuringShutdown;
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe<DeadLetter>(Self);

    protected internal override bool Receive(object message)
    {
        if (message is not DeadLetter letter)
        {
            return false;
        }

        if (_maxCount <= 0 || (Context.System.IsTerminating && !_logDuringShutdown))
        {
            return true;
        }

        var clock = Context.System.TimeProvider;
        if (_suspendedAt is { } since)
        {
            if (clock.GetElapsedTime(since) < _suspendDuration)
            {
                return true;
            }

            _suspendedAt = null;
            _count = 0;
        }

        _count++;
        Delivered(Log, letter.Message.GetType().Name, letter.Sender.Path, letter.Recipient.Path, letter.Reason ?? "the recipient is not running", _count);
        if (_count >= _maxCount)
        {
            _suspendedAt = clock.GetTimestamp();
            Suspended(Log, _count, _suspendDuration);
        }

        return true;
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Dead letter: {MessageType} from {Sender} to {Recipient} was not delivered ({Reason}); {Count} so far")]
    private static partial void Delivered(ILogger logger, string messageType, ActorPath sender, ActorPath recipient, string reason, int count);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "{Count} dead letters logged; further dead letters are not logged for {Duration}")]
    private static partial void Suspended(ILogger logger, int count, TimeSpan duration);
}
