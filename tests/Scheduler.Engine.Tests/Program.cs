using Scheduler.Engine.Tests.Execution.Shell;
using Scheduler.TestKit.MultiNode;

namespace Scheduler.Engine.Tests;

/// <summary>The entry point of role processes in multi-node specs (and of the shell orphan probe); 'dotnet test' never calls it.</summary>
public static class Program
{
    public static int Main(string[] args) => args is [ShellOrphanProbe.Flag, var folder]
        ? ShellOrphanProbe.Run(folder)
        : MultiNodeHost.Run(args, typeof(Program).Assembly);
}
