using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Scheduler.Testing.Postgres;

/// <summary>
/// A real PostgreSQL server for tests and benchmarks: the one an environment variable names, or a private one made
/// in a temporary folder with Debian's binaries, stopped and removed on dispose.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _binaries;
    private readonly bool _asPostgresUser;
    private readonly int _port;

    private PrivatePostgres(string adminConnectionString, string? folder, string? binaries, bool asPostgresUser, int port)
    {
        AdminConnectionString = adminConnectionString;
        _folder = folder;
        _binaries = binaries;
        _asPostgresUser = asPostgresUser;
        _port = port;
    }

    /// <summary>A connection string to the server's maintenance database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>True for a private server, which this process may stop and start again.</summary>
    public bool IsPrivate => _folder is not null;

    /// <summary>
    /// Uses the server named by the connection string in <paramref name="environmentVariable"/>, or starts a private
    /// one. Fails, naming the package to install, when there is neither.
    /// </summary>
    public static async Task<PrivatePostgres> StartAsync(string environmentVariable)
    {
        var given = Environment.GetEnvironmentVariable(environmentVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return new PrivatePostgres(given, null, null, asPostgresUser: false, port: 0);
        }

        var binaries = FindBinaries() ?? throw new InvalidOperationException(
            $"A PostgreSQL server is needed: install the Debian package 'postgresql' (apt-get install -y postgresql; scripts/test.sh does it), or set {environmentVariable} to a connection string.");
        var asPostgresUser = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);
        var folder = Directory.CreateTempSubdirectory("scheduler-pg-").FullName;
        if (asPostgresUser)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", folder], asPostgres: false);
        }

        var port = FreePort();
        await RunAsync(Path.Combine(binaries, "initdb"), ["-D", Path.Combine(folder, "data"), "-A", "trust", "-U", "postgres", "--no-sync"], asPostgresUser);
        var server = new PrivatePostgres($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true", folder, binaries, asPostgresUser, port);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Stops a private server at once, as a crash would: open connections break, nothing is flushed politely.</summary>
    public Task StopAsync()
    {
        RequirePrivate();
        return RunAsync(Path.Combine(_binaries!, "pg_ctl"), ["stop", "-D", Path.Combine(_folder!, "data"), "-m", "immediate", "-w"], _asPostgresUser);
    }

    /// <summary>Starts a private server (again) on its port and data, and returns when it accepts connections.</summary>
    /// <remarks>
    /// <c>wal_init_zero=off</c>: a new server has no used WAL segments to recycle, so each segment its writes fill
    /// is a new file, which PostgreSQL by default fills with 16 MiB of zeros and syncs while the commit that needed
    /// it waits. In the tasks benchmark that was a commit of about 50 ms every 1.6 s, the largest part of the
    /// start-latency tail (docs/benchmarks.md, round eight); a server that has run a while recycles its segments
    /// and pays nothing of the kind. Durability is unchanged: every commit is still synced.
    /// </remarks>
    public Task StartAgainAsync()
    {
        RequirePrivate();
        return RunAsync(Path.Combine(_binaries!, "pg_ctl"),
            ["start", "-D", Path.Combine(_folder!, "data"), "-w", "-t", "60", "-l", Path.Combine(_folder!, "server.log"),
             "-o", $"-p {_port} -k {_folder} -c listen_addresses=127.0.0.1 -c max_connections=200 -c wal_init_zero=off"],
            _asPostgresUser);
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name}";
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ToString();
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its connections.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Stops and removes a private server; leaves a given one alone.</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_folder is null)
        {
            return;
        }

        try
        {
            await StopAsync();
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private void RequirePrivate()
    {
        if (_folder is null)
        {
            throw new InvalidOperationException("Only a private server can be stopped or started; this one was given by the environment.");
        }
    }

    private static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => bin, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var part in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(part);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2), TimeProvider.System);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
