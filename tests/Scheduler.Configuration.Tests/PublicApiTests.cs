using Scheduler.TestKit;

namespace Scheduler.Configuration.Tests;

public sealed class PublicApiTests
{
    [Fact]
    public void The_public_surface_of_the_configuration_reader_is_the_approved_one() =>
        ApiSurface.Verify(typeof(HoconRoot).Assembly, "PublicApi.approved.txt");
}
