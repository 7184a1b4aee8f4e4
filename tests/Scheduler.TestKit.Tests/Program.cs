using Scheduler.TestKit.MultiNode;

namespace Scheduler.TestKit.Tests;

/// <summary>The entry point of role processes in the multi-node runner's own specs.</summary>
public static class Program
{
    public static int Main(string[] args) => MultiNodeHost.Run(args, typeof(Program).Assembly);
}
