using System.Diagnostics;
using System.Reflection;

namespace Scheduler.Bench;

/// <summary>
/// A second process of a suite: this same program started with a peer argument. It prints <c>PEER address</c> once
/// its actor system is up and stops when its standard input closes (or it is killed).
/// </summary>
internal sealed class PeerProcess : IDisposable
{
    private PeerProcess(Process process, string address)
    {
        Process = process;
        Address = address;
    }

    /// <summary>The running process.</summary>
    public Process Process { get; }

    /// <summary>The address its actor system listens on.</summary>
    public string Address { get; }

    /// <summary>Starts the program with <paramref name="arguments"/> and waits for its address.</summary>
    public static async Task<PeerProcess> StartAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // Started through the dotnet host, the program is its first argument; as an app host it is the process.
        if (string.Equals(Path.GetFileNameWithoutExtension(Environment.ProcessPath), "dotnet", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The peer process did not start.");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        if (line is null || !line.StartsWith("PEER ", StringComparison.Ordinal))
        {
            process.Kill();
            process.Dispose();
            throw new InvalidOperationException($"The peer process said '{line}' instead of its address.");
        }

        return new PeerProcess(process, line[5..]);
    }

    /// <summary>Prints the peer's address the way <see cref="StartAsync"/> reads it.</summary>
    public static async Task AnnounceAsync(TextWriter output, string address)
    {
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync($"PEER {address}").ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Serves until standard input closes: the parent ended or was killed.</summary>
    public static async Task WaitForParentAsync(TextReader input)
    {
        ArgumentNullException.ThrowIfNull(input);
        while (await input.ReadLineAsync().ConfigureAwait(false) is not null)
        {
            // Nothing is sent on stdin; its end is the signal to stop.
        }
    }

    /// <summary>Asks the peer to stop and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (!Process.HasExited)
        {
            Process.StandardInput.Close();
            await Measurement.Deadline.WithinAsync(Process.WaitForExitAsync(), () => "the peer process to exit").ConfigureAwait(false);
        }
    }

    /// <summary>Ends the peer at once with SIGKILL: no shutdown, no goodbye.</summary>
    public void Kill() => Process.Kill(entireProcessTree: false);

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill();
        }

        Process.Dispose();
    }
}
