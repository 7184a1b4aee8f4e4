using Scheduler.TestKit;

namespace Scheduler.Remote.Tests;

public sealed class PublicApiSpec
{
    [Fact]
    public void The_public_surface_of_the_remoting_is_the_approved_one() =>
        ApiSurface.Verify(typeof(PhiAccrualFailureDetector).Assembly, "PublicApi.approved.txt");
}
