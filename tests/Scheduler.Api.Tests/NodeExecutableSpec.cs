using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Scheduler.Actors;
using Scheduler.Node;

namespace Scheduler.Api.Tests;

/// <summary>
/// The node executable run as an operator runs it, as a process: a node that cannot start says why on one line and
/// exits with code 1, where it used to abort with an unhandled exception (exit 134 and a stack dump).
/// </summary>
public sealed class NodeExecutableSpec
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData("remote")]
    [InlineData("api")]
    public async Task A_port_another_process_holds_is_named_and_the_node_exits_with_code_1(string which)
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        // The other port is 0 (any free one), so a node running with the defaults on this machine cannot interfere.
        var other = which == "remote" ? "api" : "remote";
        var (exit, error) = await RunAsync("--scheduler:" + which + ":port=" + port, "--scheduler:" + other + ":port=0");

        exit.Should().Be(StartFailure.ExitCode, error);
        error.Should().StartWith("scheduler-node: ").And.Contain("127.0.0.1:" + port).And.ContainEquivalentOf("address already in use")
            .And.NotContain("Unhandled exception");
    }

    [Fact]
    public async Task A_malformed_setting_is_named_and_the_node_exits_with_code_1()
    {
        var (exit, error) = await RunAsync("--scheduler:remote:port=abc");

        exit.Should().Be(StartFailure.ExitCode, error);
        error.Trim().Should().Be("scheduler-node: Configuration key 'scheduler.remote.port' has value 'abc', which is not a whole number");
    }

    [Fact]
    public void A_failure_is_described_by_its_causes_each_said_once()
    {
        var bind = new SocketException((int)SocketError.AddressAlreadyInUse);
        var wrapped = new ConfigurationException("Remoting cannot listen on 127.0.0.1:1 (scheduler.remote.port): " + bind.Message, bind);
        var both = new AggregateException(wrapped, new InvalidOperationException("The journal is not reachable.", new TimeoutException("Timed out")));

        StartFailure.Describe(wrapped).Should().Be("Remoting cannot listen on 127.0.0.1:1 (scheduler.remote.port): " + bind.Message);
        StartFailure.Describe(both).Should().Be(
            "Remoting cannot listen on 127.0.0.1:1 (scheduler.remote.port): " + bind.Message + ": The journal is not reachable: Timed out");
    }

    private static async Task<(int Exit, string Error)> RunAsync(params string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("scheduler-node-exe-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = folder,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "scheduler-node.dll"));
            start.ArgumentList.Add("--scheduler:persistence:sql:connection-string=Data Source=" + Path.Combine(folder, "scheduler.db"));
            foreach (var argument in args)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
            var (exit, _, error) = await ProcessRun.CollectAsync(process, Limit, "the node");
            return (exit, error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
