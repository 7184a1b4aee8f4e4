namespace Scheduler.Client.Problems;

/// <summary>Which exception a problem becomes: one per status a caller handles differently.</summary>
internal static class ProblemExceptions
{
    public static SchedulerProblemException Of(ApiProblem problem, TimeSpan? retryAfter = null) => problem.Status switch
    {
        400 or 413 or 415 => new SchedulerValidationException(problem),
        401 => new SchedulerUnauthorizedException(problem),
        404 => new SchedulerNotFoundException(problem),
        409 => new SchedulerConflictException(problem),
        503 => new SchedulerUnavailableException(problem, retryAfter),
        _ => new SchedulerProblemException(problem),
    };
}
