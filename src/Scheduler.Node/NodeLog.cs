using Microsoft.Extensions.Logging;

namespace Scheduler.Node;

/// <summary>The node executable's own log lines.</summary>
internal static partial class NodeLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler API on {Url} ({Authentication}); OpenAPI document at /openapi/v1.json")]
    public static partial void ApiReady(ILogger logger, string url, string authentication);

    [LoggerMessage(Level = LogLevel.Information, Message = "Submit a first task: curl -X POST {Url}/api/tasks{Auth} -H 'content-type: application/json' -d '{{\"type\":\"sleep\",\"payload\":{{\"ms\":500}}}}'")]
    public static partial void HowToSubmit(ILogger logger, string url, string auth);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The scheduler node did not start")]
    public static partial void StartFailed(ILogger logger, Exception error);
}
