using Scheduler.TestKit;

namespace Scheduler.Api.Tests;

public sealed class PublicApiSpec
{
    [Fact]
    public void The_public_surface_of_the_api_is_the_approved_one() =>
        ApiSurface.Verify(typeof(ApiSettings).Assembly, "PublicApi.approved.txt");

    [Fact]
    public void The_public_surface_of_the_node_is_the_approved_one() =>
        ApiSurface.Verify(typeof(Node.NodeApplication).Assembly, "PublicApi.Node.approved.txt");

    [Fact]
    public void The_public_surface_of_the_client_is_the_approved_one() =>
        ApiSurface.Verify(typeof(Scheduler.Client.ISchedulerClient).Assembly, "PublicApi.Client.approved.txt");
}
