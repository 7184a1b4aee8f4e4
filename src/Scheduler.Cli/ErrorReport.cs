using Scheduler.Client.Problems;

namespace Scheduler.Cli;

/// <summary>The message a failure prints on the error stream: what went wrong and, where it helps, what to do.</summary>
internal static class ErrorReport
{
    public static string Describe(Exception failure, Func<Uri> url) => failure switch
    {
        SchedulerValidationException invalid => "error: " + invalid.Problem.Title + Fields(invalid.Errors, invalid.Problem.Detail),
        SchedulerUnauthorizedException => "error: " + failure.Message + "\n  give the node's token with --token or $SCHEDULER_API_TOKEN",
        SchedulerProblemException problem => "error: " + problem.Message,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } =>
            "error: cannot reach the scheduler at " + SafeUrl(url) + " (" + failure.Message + ")\n  is the node running? Set --url or $SCHEDULER_URL",
        HttpRequestException => "error: the request to " + SafeUrl(url) + " failed: " + failure.Message,
        OperationCanceledException => "interrupted",
        UsageException or TimeoutException => "error: " + failure.Message,
        _ => "error: " + failure.GetType().Name + ": " + failure.Message,
    };

    private static string Fields(IReadOnlyDictionary<string, string[]> errors, string? detail) => errors.Count == 0
        ? (detail is null ? "" : ": " + detail)
        : string.Concat(errors.OrderBy(error => error.Key, StringComparer.Ordinal).SelectMany(error => error.Value.Select(message => "\n  " + error.Key + ": " + message)));

    private static string SafeUrl(Func<Uri> url)
    {
        try
        {
            return url().ToString();
        }
        catch (UsageException)
        {
            return "(no valid URL)";
        }
    }
}
