using Scheduler.Actors;
using Scheduler.TestKit.MultiNode;

namespace Scheduler.Remote.Tests.MultiNode;

/// <summary>Two roles with fast death watch: the second hosts an echo, the first watches it.</summary>
public abstract class WatchedEchoSpec : MultiNodeSpec
{
    protected WatchedEchoSpec()
    {
        First = Config.Role("first");
        Second = Config.Role("second");
        Config.CommonHocon = WatchTimings.Fast;
    }

    protected RoleName First { get; }

    protected RoleName Second { get; }

    /// <summary>Finds the second role's echo, watches it and completes a round trip, so the watch is in place.</summary>
    protected async Task<IActorRef> WatchEchoAsync(MultiNodeTestKit node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var echo = await node.Sys.ActorSelection($"{node.Node(Second)}/user/echo").ResolveOne(TimeSpan.FromSeconds(5));
        node.Watch(echo);
        echo.Tell("alive?", node.TestActor);
        node.ExpectMsg("alive?");
        return echo;
    }
}
