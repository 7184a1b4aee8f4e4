using Scheduler.TestKit.MultiNode;

namespace Scheduler.Remote.Tests;

/// <summary>
/// The test assembly's entry point: 'dotnet test' never calls it; the multi-node runner starts the assembly once
/// per role with it.
/// </summary>
public static class Program
{
    public static int Main(string[] args) => MultiNodeHost.Run(args, typeof(Program).Assembly);
}
