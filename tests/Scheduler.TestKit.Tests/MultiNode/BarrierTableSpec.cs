using Scheduler.TestKit.MultiNode.Conductor;

namespace Scheduler.TestKit.Tests.MultiNode;

public sealed class BarrierTableSpec
{
    [Fact]
    public void A_barrier_opens_when_the_last_role_arrives_and_releases_all()
    {
        var table = new BarrierTable(["a", "b", "c"]);

        table.Enter("a", "x").Should().BeEmpty();
        table.Enter("c", "x").Should().BeEmpty();
        table.Missing("x").Should().Equal("b");
        table.Enter("b", "x").Should().Equal("a", "b", "c");
        table.Waiting.Should().BeEmpty();
    }

    [Fact]
    public void Barriers_are_independent()
    {
        var table = new BarrierTable(["a", "b"]);

        table.Enter("a", "x").Should().BeEmpty();
        table.Enter("b", "y").Should().BeEmpty();
        table.Enter("b", "x").Should().Equal("a", "b");
        table.Missing("y").Should().Equal("a");
    }

    [Fact]
    public void A_role_that_leaves_opens_the_barriers_that_waited_only_for_it()
    {
        var table = new BarrierTable(["a", "b", "c"]);
        table.Enter("a", "x");
        table.Enter("b", "x");
        table.Enter("a", "y");

        var opened = table.Leave("c");

        opened.Should().ContainSingle("y still waits for b");
        opened[0].Barrier.Should().Be("x");
        opened[0].Roles.Should().Equal("a", "b");
        table.Missing("y").Should().Equal("b");
    }

    [Fact]
    public void A_role_that_left_while_waiting_is_released_with_the_others()
    {
        // Suspended while waiting: it reads the release when it resumes.
        var table = new BarrierTable(["a", "b", "c"]);
        table.Enter("c", "x");
        table.Leave("c").Should().BeEmpty();
        table.Enter("a", "x").Should().BeEmpty();

        table.Enter("b", "x").Should().Equal("a", "b", "c");
    }

    [Fact]
    public void A_resumed_role_passes_at_once_a_barrier_that_opened_without_it()
    {
        var table = new BarrierTable(["a", "b"]);
        table.Leave("b");
        table.Enter("a", "x").Should().Equal("a");
        table.Rejoin("b");

        table.Enter("b", "x").Should().Equal("b");
        table.Enter("a", "y").Should().BeEmpty("b takes part again");
        table.Missing("y").Should().Equal("b");
    }

    [Fact]
    public void A_failed_barrier_returns_its_waiting_roles_once()
    {
        var table = new BarrierTable(["a", "b"]);
        table.Enter("a", "x");

        table.Fail("x").Should().Equal("a");
        table.Fail("x").Should().BeEmpty();
        table.Missing("x").Should().BeEmpty();
    }
}
