using Scheduler.TestKit.MultiNode;

namespace Scheduler.Engine.Tests;

/// <summary>The entry point of role processes in multi-node specs; 'dotnet test' never calls it.</summary>
public static class Program
{
    public static int Main(string[] args) => MultiNodeHost.Run(args, typeof(Program).Assembly);
}
