using System.Net.Sockets;
using Scheduler.Client.Problems;

namespace Scheduler.Cli;

/// <summary>
/// What <c>schedctl</c> exits with, so that scripts can tell failures apart. The README and <c>schedctl --help</c>
/// list them; they never change meaning.
/// </summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>Something unexpected failed; the message says what.</summary>
    public const int Failed = 1;

    /// <summary>The command line or an input file is wrong; nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The scheduler refused the input as invalid (400, 413, 415); nothing was changed.</summary>
    public const int Invalid = 3;

    /// <summary>No such task, schedule or member (404).</summary>
    public const int NotFound = 4;

    /// <summary>The command does not apply in the current state (409).</summary>
    public const int Conflict = 5;

    /// <summary>No token, or the wrong one (401).</summary>
    public const int Unauthorized = 6;

    /// <summary>The node could not be reached, did not answer in time, or answered 503: worth a retry.</summary>
    public const int Unavailable = 7;

    /// <summary>With <c>--wait</c> or <c>watch</c>: the task ended but did not succeed (failed, timed out, cancelled, deleted).</summary>
    public const int TaskDidNotSucceed = 8;

    /// <summary>Interrupted (Ctrl+C) before the command finished.</summary>
    public const int Interrupted = 130;

    /// <summary>The table printed by <c>--help</c>.</summary>
    public const string Help = """
        Exit codes:
          0  done
          1  unexpected failure
          2  bad command line or input file (nothing was sent)
          3  the scheduler refused the input as invalid (nothing was changed)
          4  no such task, schedule or member
          5  the command does not apply in the current state
          6  no token, or the wrong one
          7  the node could not be reached or did not answer in time (retry)
          8  --wait or watch: the task ended without succeeding
        130  interrupted
        """;

    /// <summary>The exit code for a failure.</summary>
    public static int Of(Exception error) => error switch
    {
        SchedulerValidationException => Invalid,
        SchedulerNotFoundException => NotFound,
        SchedulerConflictException => Conflict,
        SchedulerUnauthorizedException => Unauthorized,
        SchedulerUnavailableException or HttpRequestException or SocketException or TimeoutException => Unavailable,
        UsageException => Usage,
        OperationCanceledException => Interrupted,
        _ => Failed,
    };
}
