using System.Diagnostics;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Execution.Shell;

/// <summary>
/// A shell task's processes die with their node even when the node is killed with SIGKILL and cannot clean up: the
/// program by its parent-death signal, what it started by the watchdog. The node is a real process
/// (<see cref="ShellOrphanProbe"/>).
/// </summary>
public sealed class ShellOrphanSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Fact]
    public void The_processes_of_a_shell_task_die_when_its_node_is_killed()
    {
        var folder = Directory.CreateTempSubdirectory("scheduler-orphans-").FullName;
        try
        {
            var (leader, child) = (Path.Combine(folder, "leader"), Path.Combine(folder, "child"));
            var start = new ProcessStartInfo(DotnetHost()) { UseShellExecute = false };
            foreach (var argument in (string[])["exec", typeof(Program).Assembly.Location, ShellOrphanProbe.Flag, folder])
            {
                start.ArgumentList.Add(argument);
            }

            using var node = Process.Start(start)!;
            int leaderPid = 0, childPid = 0;
            AwaitCondition(() => ProcessProbe.ReadPid(leader) is { } l && ProcessProbe.ReadPid(child) is { } c && (leaderPid = l) > 0 && (childPid = c) > 0,
                TimeSpan.FromSeconds(30));
            ProcessProbe.IsAlive(leaderPid).Should().BeTrue();

            node.Kill();
            node.WaitForExit();

            AwaitCondition(() => !ProcessProbe.IsAlive(leaderPid) && !ProcessProbe.IsAlive(childPid), TimeSpan.FromSeconds(15));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current
        : "dotnet";
}
