using Scheduler.TestKit;

namespace Scheduler.Cluster.Tests;

public sealed class PublicApiSpec
{
    [Fact]
    public void The_public_surface_of_the_cluster_is_the_approved_one() =>
        ApiSurface.Verify(typeof(Cluster).Assembly, "PublicApi.approved.txt");
}
