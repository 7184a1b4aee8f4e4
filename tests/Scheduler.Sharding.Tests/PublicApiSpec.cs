using Scheduler.TestKit;

namespace Scheduler.Sharding.Tests;

public sealed class PublicApiSpec
{
    [Fact]
    public void The_public_surface_of_sharding_is_the_approved_one() =>
        ApiSurface.Verify(typeof(ClusterSharding).Assembly, "PublicApi.approved.txt");
}
