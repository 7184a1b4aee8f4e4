using System.Collections.Concurrent;
using System.Diagnostics;

namespace Scheduler.Engine.Execution.BuiltIn.Shell;

/// <summary>
/// Starts child processes from one thread that lives as long as the process. A parent-death signal (which
/// <c>setpriv --pdeathsig</c> sets for a shell task's process) fires when the <em>thread</em> that forked the child
/// ends, not only when the whole process does; thread-pool threads retire when idle, so a child forked from one would
/// be killed at some random later moment. Forking from this thread ties the signal to the node's life alone.
/// </summary>
internal static class ProcessLauncher
{
    private static readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> Requests = [];

#pragma warning disable CA1810 // The thread is started once, on first use, and never ends.
    static ProcessLauncher()
#pragma warning restore CA1810
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "scheduler-process-launcher" };
        thread.Start();
    }

    /// <summary>Starts <paramref name="info"/> on the launcher thread; faults as <see cref="Process.Start(ProcessStartInfo)"/> would.</summary>
    public static Task<Process> StartAsync(ProcessStartInfo info)
    {
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((info, started));
        return started.Task;
    }

    private static void Run()
    {
        foreach (var (info, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                started.SetResult(Process.Start(info) ?? throw new InvalidOperationException("no process was started for " + info.FileName));
            }
#pragma warning disable CA1031 // Every failure goes back to the caller that asked for the start.
            catch (Exception e)
#pragma warning restore CA1031
            {
                started.SetException(e);
            }
        }
    }
}
