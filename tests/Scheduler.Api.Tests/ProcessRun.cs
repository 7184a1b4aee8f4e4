using System.Diagnostics;

namespace Scheduler.Api.Tests;

/// <summary>Collects what a process started with redirected output printed, and how it ended, within a limit.</summary>
internal static class ProcessRun
{
    /// <summary>Waits for <paramref name="process"/> to exit; past <paramref name="limit"/> it is killed and <paramref name="what"/> named in the error.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> CollectAsync(Process process, TimeSpan limit, string what)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit, TimeProvider.System);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException timedOut)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(what + " did not end within " + limit + "; it printed:\n" + await output + await error, timedOut);
        }

        return (process.ExitCode, await output, await error);
    }
}
