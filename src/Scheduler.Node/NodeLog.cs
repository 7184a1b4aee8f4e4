using Microsoft.Extensions.Logging;
using Scheduler.Actors;

namespace Scheduler.Node;

internal static partial class NodeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Started {Path}; handing out {Tasks} pieces of work (every 7th one fails and its worker is restarted)")]
    public static partial void DemoStarted(ILogger logger, ActorPath path, int tasks);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Demo finished: {Report}")]
    public static partial void DemoFinished(ILogger logger, string report);
}
