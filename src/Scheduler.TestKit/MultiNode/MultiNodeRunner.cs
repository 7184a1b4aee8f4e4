using System.Text;
using Scheduler.TestKit.MultiNode.Conductor;
using Xunit.Abstractions;

namespace Scheduler.TestKit.MultiNode;

/// <summary>
/// Runs a multi-node spec from a test method: one OS process per role (the test assembly started again, see
/// <see cref="MultiNodeHost"/>), talking over loopback sockets, with the test process as conductor. The test fails
/// with every role's failure and the end of each role's log; the logs are then kept (the message says where).
/// </summary>
public static class MultiNodeRunner
{
    private const int TailLines = 60;

    /// <summary>
    /// Plays <typeparamref name="TSpec"/> and throws <see cref="AssertionFailedException"/> when any role fails,
    /// exits unexpectedly, misses a barrier, or the run outlasts <see cref="MultiNodeConfig.Timeout"/>.
    /// </summary>
    public static Task RunAsync<TSpec>(ITestOutputHelper output)
        where TSpec : MultiNodeSpec, new() => RunAsync<TSpec>(output, new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>
    /// Plays <typeparamref name="TSpec"/> with <paramref name="parameters"/> handed to every role, where
    /// <see cref="MultiNodeTestKit.Parameter"/> reads them: what only the test process knows, such as the connection
    /// string of a database it started for the run.
    /// </summary>
    public static Task RunAsync<TSpec>(ITestOutputHelper output, IReadOnlyDictionary<string, string> parameters)
        where TSpec : MultiNodeSpec, new() => RunAsync<TSpec>(output, parameters, typeof(TSpec).Assembly.Location);

    /// <summary>
    /// Plays <typeparamref name="TSpec"/> with its roles started from <paramref name="hostAssemblyPath"/> instead of
    /// the spec's own assembly: a program (a benchmark runner, say) that references the specs and whose entry point
    /// hands <see cref="MultiNodeHost.Flag"/> arguments to <see cref="MultiNodeHost.Run"/> with the specs' assembly.
    /// </summary>
    public static async Task RunAsync<TSpec>(ITestOutputHelper output, IReadOnlyDictionary<string, string> parameters, string hostAssemblyPath)
        where TSpec : MultiNodeSpec, new()
    {
        ArgumentException.ThrowIfNullOrEmpty(hostAssemblyPath);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(parameters);
        var environment = RoleParameters.ToEnvironment(parameters);
        var spec = new TSpec();
        var config = spec.Config;
        if (config.Roles.Count == 0)
        {
            throw new InvalidOperationException($"{typeof(TSpec).Name} declares no roles; call Config.Role(\"name\") in its constructor.");
        }

        var timeFactor = TestKitBase.ReadTimeFactor();
        var logDirectory = LogDirectoryFor(typeof(TSpec).Name);
        IReadOnlyList<string> failures;
        var tails = new StringBuilder();
        var conductor = new ConductorServer(config, config.BarrierTimeout * timeFactor);
        try
        {
            failures = await conductor.RunAsync(hostAssemblyPath, typeof(TSpec).FullName!, environment, logDirectory, config.Timeout * timeFactor).ConfigureAwait(false);
            foreach (var role in conductor.Roles)
            {
                output.WriteLine($"role {role.Role}: process {role.Process.ProcessId}, {(role.Departed ? "killed or exited by the spec" : role.Finished ? "finished" : "did not finish")}");
            }

        }
        finally
        {
            // Roles still running are killed here, so their logs are complete below.
            await conductor.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var role in conductor.Roles)
        {
            foreach (var report in role.Process.Reports())
            {
                output.WriteLine($"role {role.Role} reports: {report}");
            }
        }

        if (failures.Count > 0)
        {
            foreach (var role in conductor.Roles)
            {
                tails.AppendLine(FormattableString.Invariant($"----- last lines of {role.Role} ({role.Process.LogPath}) -----"));
                foreach (var line in role.Process.Tail(TailLines))
                {
                    tails.AppendLine(line);
                }
            }
        }

        if (failures.Count == 0)
        {
            if (KeepLogs)
            {
                output.WriteLine($"Each role's log is kept in {logDirectory}.");
            }
            else
            {
                Directory.Delete(logDirectory, recursive: true);
            }

            return;
        }

        var message = new StringBuilder()
            .AppendLine(FormattableString.Invariant($"The multi-node spec {typeof(TSpec).Name} failed:"))
            .AppendJoin(Environment.NewLine, failures.Select(failure => "  - " + failure))
            .AppendLine()
            .AppendLine(FormattableString.Invariant($"Each role's log is kept in {logDirectory}."))
            .Append(tails);
        throw new AssertionFailedException(message.ToString());
    }

    /// <summary>Whether the role logs of a passing run are kept too (<c>SCHEDULER_MULTINODE_KEEP_LOGS=1</c>), to read its timeline.</summary>
    private static bool KeepLogs => string.Equals(Environment.GetEnvironmentVariable("SCHEDULER_MULTINODE_KEEP_LOGS"), "1", StringComparison.Ordinal);

    /// <summary>Where the role logs of one run go: under <c>SCHEDULER_MULTINODE_LOGS</c>, or the temp folder.</summary>
    private static string LogDirectoryFor(string specName)
    {
        var root = Environment.GetEnvironmentVariable("SCHEDULER_MULTINODE_LOGS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "scheduler-multinode");
        var stamp = TimeProvider.System.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var directory = Path.Combine(root, $"{specName}-{stamp}-{Guid.NewGuid().ToString("N")[..6]}");
        Directory.CreateDirectory(directory);
        return directory;
    }
}
