using Scheduler.TestKit;

namespace Scheduler.Engine.Tests;

public sealed class PublicApiSpec
{
    [Fact]
    public void The_public_surface_of_the_engine_is_the_approved_one() =>
        ApiSurface.Verify(typeof(SchedulerEngine).Assembly, "PublicApi.approved.txt");
}
