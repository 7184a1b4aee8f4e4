namespace Scheduler.TestKit.Tests;

public sealed class PublicApiSpec
{
    [Fact]
    public void The_public_surface_of_the_test_kit_is_the_approved_one() =>
        ApiSurface.Verify(typeof(TestKitBase).Assembly, "PublicApi.approved.txt");
}
