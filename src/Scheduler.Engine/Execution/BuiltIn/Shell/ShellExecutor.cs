using System.Diagnostics;
using System.Text.Json;

namespace Scheduler.Engine.Execution.BuiltIn.Shell;

/// <summary>
/// The <c>shell</c> type: runs the program the payload names (<see cref="ShellTaskRequest"/>) and judges its exit
/// code. The result is <c>{"exitCode": 0, "stdout": "…", "stderr": "…", "stdoutTruncated": false,
/// "stderrTruncated": false}</c>, each stream cut at <c>maxOutputBytes</c>.
/// </summary>
/// <remarks>
/// The task's processes never outlive their attempt, nor their node:
/// <list type="bullet">
/// <item>The program starts as <c>setsid setpriv --pdeathsig KILL -- program args…</c>: it leads a new process
/// group, and the kernel kills it when the node's process dies, even by SIGKILL. (A shell in between holds it back
/// until the watchdog runs, then execs it: same process, same group.)</item>
/// <item>A watchdog (<c>/bin/sh</c>, outside the group) waits on a pipe from the node; when the pipe closes, at the
/// end of the attempt or because the node died, it kills the whole group, so children the program started go too.</item>
/// <item>Cancellation and timeouts send SIGTERM to the group, then SIGKILL after the kill grace.</item>
/// </list>
/// </remarks>
internal sealed class ShellExecutor(ShellOptions options, ShellTools tools, TimeProvider time) : ITaskExecutor
{
    /// <summary>Retryable: the program exited with a code the payload does not expect.</summary>
    public const string ExitKind = "shell-exit";

    /// <summary>Retryable (another node may do): this node cannot run shell tasks.</summary>
    public const string UnavailableKind = "shell-unavailable";

    public async Task<JsonElement?> ExecuteAsync(TaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = ShellTaskRequest.Parse(context.Payload);
        if (tools.Missing is { } missing)
        {
            throw new TaskFailedException(UnavailableKind, "shell: " + missing);
        }

        if (options.AllowedCommands.Count > 0 && !options.AllowedCommands.Contains(request.Command, StringComparer.Ordinal))
        {
            throw new TaskPayloadException("shell: command '" + request.Command + "' is not among this node's allowed commands (scheduler.engine.executors.shell.allowed-commands)");
        }

        using var process = await StartAsync(StartInfo(request), request.Command).ConfigureAwait(false);
        var group = process.Id;
        Process watchdog;
        try
        {
            watchdog = await StartAsync(Watchdog(group), "the watchdog").ConfigureAwait(false);
        }
        catch
        {
            ProcessSignals.SignalGroup(group, ProcessSignals.Kill);
            throw;
        }

        using var _ = watchdog;

        // Only now, with the watchdog armed, may the program run (see StartInfo).
        await process.StandardInput.WriteLineAsync().ConfigureAwait(false);
        process.StandardInput.Close();
        var stdout = CappedText.ReadAsync(process.StandardOutput.BaseStream, request.MaxOutputBytes, drain: true, CancellationToken.None);
        var stderr = CappedText.ReadAsync(process.StandardError.BaseStream, request.MaxOutputBytes, drain: true, CancellationToken.None);

        using var timeout = new CancellationTokenSource(request.Timeout ?? Timeout.InfiniteTimeSpan, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, timeout.Token);
        var stopped = false;
        try
        {
            await process.WaitForExitAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            stopped = true;
            await StopAsync(process, group).ConfigureAwait(false);
        }
        finally
        {
            // Whatever the program left behind (background children) ends with the attempt; the watchdog, seeing
            // its pipe close, does the same and exits.
            ProcessSignals.SignalGroup(group, ProcessSignals.Kill);
            watchdog.StandardInput.Close();
            await watchdog.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        var (output, outputTruncated) = await stdout.ConfigureAwait(false);
        var (errors, errorsTruncated) = await stderr.ConfigureAwait(false);
        if (stopped)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            throw new TaskFailedException(ErrorKinds.Timeout, "shell: '" + request.Command + "' ran past its " + request.Timeout!.Value.TotalSeconds + " s timeout and was stopped");
        }

        if (!request.Expect.Contains(process.ExitCode))
        {
            throw new TaskFailedException(ExitKind, "shell: '" + request.Command + "' exited with code " + process.ExitCode
                + (errors.Length > 0 ? ": " + CappedText.Snippet(errors) : ""));
        }

        return JsonSerializer.SerializeToElement(new ShellResult(process.ExitCode, output, errors, outputTruncated, errorsTruncated), ShellResultContext.Default.ShellResult);
    }

    private static async Task<Process> StartAsync(ProcessStartInfo info, string what)
    {
        try
        {
            return await ProcessLauncher.StartAsync(info).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new TaskFailedException(UnavailableKind, "shell: " + what + " could not be started: " + e.Message, e);
        }
    }

    private ProcessStartInfo StartInfo(ShellTaskRequest request)
    {
        var info = new ProcessStartInfo(tools.Setsid!)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (!options.InheritEnvironment)
        {
            info.Environment.Clear();
        }

        foreach (var (name, value) in request.Environment)
        {
            info.Environment[name] = value;
        }

        var program = ShellTools.OnPath(request.Command, info.Environment.TryGetValue("PATH", out var path) ? path : null)
            ?? throw new TaskPayloadException("shell: command '" + request.Command + "' was not found "
                + (request.Command.Contains('/', StringComparison.Ordinal) ? "on this node" : "on this node's PATH"));
        if (request.WorkingDirectory is { } folder)
        {
            info.WorkingDirectory = Directory.Exists(folder)
                ? folder
                : throw new TaskPayloadException("shell: 'workingDirectory' " + folder + " does not exist on this node");
        }

        // The program waits behind a shell that execs it once the node writes a line: until the watchdog is armed,
        // anything it started could outlive a node killed in between. The node dying first is EOF: it never runs.
        foreach (var argument in (string[])[tools.Setpriv!, "--pdeathsig", "KILL", "--", tools.Sh!, "-c", "read -r _ || exit 111; exec \"$0\" \"$@\" </dev/null", program, .. request.Arguments])
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    // Waits for a line or the end of its stdin; the node never writes, so only the pipe's closing wakes it. (Debian's
    // /bin/sh is dash, whose kill takes no "--": a negative number after the signal names the group.)
    private ProcessStartInfo Watchdog(int group)
    {
        var info = new ProcessStartInfo(tools.Sh!) { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var argument in (string[])["-c", "read -r _; kill -KILL -\"$1\" 2>/dev/null; exit 0", "scheduler-shell-watchdog", group.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private async Task StopAsync(Process process, int group)
    {
        ProcessSignals.SignalGroup(group, ProcessSignals.Terminate);
        using var grace = new CancellationTokenSource(options.KillGrace, time);
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ProcessSignals.SignalGroup(group, ProcessSignals.Kill);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }
}
