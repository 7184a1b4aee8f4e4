using Microsoft.Extensions.Logging;

namespace Scheduler.Actors;

internal static partial class ActorCellLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "{Path} failed again while its supervisor decides on an earlier failure (or while it stops)")]
    public static partial void FailureWhileFailed(ILogger logger, ActorPath path, Exception exception);

    [LoggerMessage(EventId = 101, Level = LogLevel.Error, Message = "PreRestart of {Path} threw; the restart goes on")]
    public static partial void PreRestartFailed(ILogger logger, ActorPath path, Exception exception);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "Stopping {Path} threw; the actor is stopped anyway")]
    public static partial void PostStopFailed(ILogger logger, ActorPath path, Exception exception);
}
