using System.Diagnostics;

namespace Scheduler.TestKit.MultiNode.Conductor;

/// <summary>
/// The OS process playing one role: started from the test assembly with the role on its command line, its output
/// and error written to the role's log file, and signals for the fault injection a spec asks for.
/// </summary>
internal sealed class RoleProcess : IDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();

    private RoleProcess(string role, Process process, StreamWriter log, string logPath)
    {
        Role = role;
        _process = process;
        _log = log;
        LogPath = logPath;
    }

    public string Role { get; }

    public string LogPath { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Completes when the process has exited and its output is written.</summary>
    public Task Exited => _process.WaitForExitAsync();

    public static RoleProcess Start(string role, string assemblyPath, string specName, int conductorPort, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var argument in new[] { "exec", assemblyPath, MultiNodeHost.Flag, specName, role, conductorPort.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var roleProcess = new RoleProcess(role, process, log, logPath);
        process.OutputDataReceived += (_, line) => roleProcess.Write(line.Data);
        process.ErrorDataReceived += (_, line) => roleProcess.Write(line.Data);
        try
        {
            process.Start();
        }
        catch
        {
            roleProcess.Dispose();
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return roleProcess;
    }

    /// <summary>kill -9: no shutdown, no goodbye.</summary>
    public async Task KillAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has already exited.
        }

        await Exited.ConfigureAwait(false);
    }

    /// <summary>SIGSTOP: the process freezes, its sockets stay open and silent.</summary>
    public Task SuspendAsync() => SignalAsync("-STOP");

    /// <summary>SIGCONT: a frozen process carries on.</summary>
    public Task ResumeAsync() => SignalAsync("-CONT");

    /// <summary>The last <paramref name="count"/> lines of the log.</summary>
    public IReadOnlyList<string> Tail(int count)
    {
        // The log is flushed line by line.
        var lines = File.ReadAllLines(LogPath);
        return lines.Length <= count ? lines : lines[^count..];
    }

    /// <summary>The lines the role wrote with <see cref="MultiNodeTestKit.Report"/>, without their marker.</summary>
    /// <remarks>A report line is "time [role] [report] text" (see <c>ConsoleOutput</c>): the marker is looked for after the role's own tag.</remarks>
    public IReadOnlyList<string> Reports()
    {
        var tag = $"[{Role}] {MultiNodeTestKit.ReportMarker}";
        return [.. File.ReadLines(LogPath)
            .Select(line => (Line: line, At: line.IndexOf(tag, StringComparison.Ordinal)))
            .Where(found => found.At >= 0)
            .Select(found => found.Line[(found.At + tag.Length)..])];
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or gone.
        }

        _process.Dispose();
        lock (_logGate)
        {
            _log.Dispose();
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output after the run ended has nowhere to go.
            }
        }
    }

    private async Task SignalAsync(string signal)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            throw new PlatformNotSupportedException($"Sending {signal} to a role needs a Unix 'kill' command.");
        }

        var start = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add(signal);
        start.ArgumentList.Add(ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var kill = Process.Start(start) ?? throw new InvalidOperationException("The 'kill' command did not start.");
        var error = await kill.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await kill.WaitForExitAsync().ConfigureAwait(false);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {signal} {ProcessId} (role {Role}) failed: {error.Trim()}");
        }
    }

    /// <summary>The dotnet host running the tests, so roles run on the same runtime.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? current : "dotnet";
    }
}
