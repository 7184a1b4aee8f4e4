using Scheduler.Hosting;
using Scheduler.TestKit;

namespace Scheduler.Hosting.Tests;

public sealed class PublicApiSpec
{
    [Fact]
    public void The_public_surface_of_hosting_is_the_approved_one() =>
        ApiSurface.Verify(typeof(SchedulerBuilder).Assembly, "PublicApi.approved.txt");
}
