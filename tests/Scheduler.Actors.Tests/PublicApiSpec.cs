using Scheduler.TestKit;

namespace Scheduler.Actors.Tests;

public sealed class PublicApiSpec
{
    [Fact]
    public void The_public_surface_of_the_kernel_is_the_approved_one() =>
        ApiSurface.Verify(typeof(ActorSystem).Assembly, "PublicApi.approved.txt");
}
