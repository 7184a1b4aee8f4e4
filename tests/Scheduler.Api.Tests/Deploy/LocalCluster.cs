using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Scheduler.Api.Tests.Deploy;

/// <summary>
/// <c>deploy/local-cluster.sh</c> run as a user runs it (bash, a real PostgreSQL, three node processes), on free
/// loopback ports and in a folder of its own, with the binaries the test run built.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private readonly Dictionary<string, string> _environment;
    private readonly int _remotePort;

    private LocalCluster(string folder, int apiPort, int remotePort, Dictionary<string, string> environment)
    {
        _remotePort = remotePort;
        Folder = folder;
        SeedApi = new Uri("http://127.0.0.1:" + apiPort + "/");
        _environment = environment;
    }

    public string Folder { get; }

    public Uri SeedApi { get; }

    public string Token => File.ReadAllText(Path.Combine(Folder, "token")).Trim();

    public static LocalCluster Create()
    {
        var folder = Directory.CreateTempSubdirectory("local-cluster-").FullName;
        // As root the script runs PostgreSQL as the postgres user, which must be able to reach its data folder.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        var apiPort = FreeRun(3);
        var remotePort = FreeRun(3);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["SCHEDULER_CLUSTER_DIR"] = folder,
            ["SCHEDULER_CLUSTER_PG_PORT"] = FreeRun(1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SCHEDULER_CLUSTER_REMOTE_PORT"] = remotePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SCHEDULER_CLUSTER_API_PORT"] = apiPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SCHEDULER_CLUSTER_NO_BUILD"] = "1",
        };
        return new LocalCluster(folder, apiPort, remotePort, environment);
    }

    /// <summary>Runs <c>local-cluster.sh command</c> and returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Script());
        start.ArgumentList.Add(command);
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var (exit, output, error) = await ProcessRun.CollectAsync(process, Limit, "local-cluster.sh " + command);
        return (exit, output + error);
    }

    /// <summary>The process id <c>up</c> recorded for a node (seed, member-1, member-2).</summary>
    public int Pid(string node) => int.Parse(File.ReadAllText(Path.Combine(Folder, node + ".pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A node's cluster address, as the script gives it (seed, member-1, member-2: consecutive ports).</summary>
    public string Address(string node) => "sched.tcp://scheduler@127.0.0.1:" + (_remotePort + node switch
    {
        "seed" => 0,
        "member-1" => 1,
        "member-2" => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    });

    public string Log(string node) => File.Exists(Path.Combine(Folder, node + ".log")) ? File.ReadAllText(Path.Combine(Folder, node + ".log")) : "(no log)";

    public async ValueTask DisposeAsync()
    {
        await RunAsync("down");
        Directory.Delete(Folder, recursive: true);
    }

    private static string Script([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "deploy", "local-cluster.sh"));

    // A run of consecutive free ports (the script gives the seed the first and the members the next ones).
    // The nodes bind their ports seconds after this probe, while every process on the machine opens outgoing
    // connections (to PostgreSQL, between nodes). Those take their local ports from the kernel's ephemeral range, so a
    // run chosen there can be taken in between, and the node then cannot listen. A run below that range is only ever
    // taken by a process that asks for it by number.
    private static int FreeRun(int length)
    {
        var low = EphemeralLow();
        const int floor = 10_000;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var first = Random.Shared.Next(floor, low - length);
            if (Enumerable.Range(first, length).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException("no run of " + length + " free loopback ports found between " + floor + " and " + low);
    }

    private static int EphemeralLow()
    {
        const string file = "/proc/sys/net/ipv4/ip_local_port_range";
        var parts = File.Exists(file) ? File.ReadAllText(file).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) : [];
        // Linux's default where the file is missing, or its range leaves too little room below.
        return parts.Length == 2 && int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var low) && low > 20_000 ? low : 32_768;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
