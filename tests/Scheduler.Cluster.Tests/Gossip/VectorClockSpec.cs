using Scheduler.Cluster.Gossip;

namespace Scheduler.Cluster.Tests.Gossip;

public sealed class VectorClockSpec
{
    /// <summary>A clock from "node:version" entries, such as "a:2 b:1".</summary>
    private static VectorClock Clock(string entries)
    {
        var clock = VectorClock.Empty;
        foreach (var entry in entries.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (node, times) = (entry.Split(':')[0], int.Parse(entry.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
            for (var i = 0; i < times; i++)
            {
                clock = clock.Increment(node);
            }
        }

        return clock;
    }

    [Theory]
    [InlineData("", "", "Same")]
    [InlineData("a:1", "a:1", "Same")]
    [InlineData("", "a:1", "Before")]
    [InlineData("a:1", "a:2", "Before")]
    [InlineData("a:1", "a:1 b:1", "Before")]
    [InlineData("a:2 b:1", "a:1 b:1", "After")]
    [InlineData("a:1 c:1", "a:1", "After")]
    [InlineData("a:2", "a:1 b:1", "Concurrent")]
    [InlineData("a:1 b:2", "a:2 b:1", "Concurrent")]
    [InlineData("c:1", "d:1", "Concurrent")]
    public void Clocks_compare_entry_by_entry(string left, string right, string expected)
    {
        Clock(left).Compare(Clock(right)).ToString().Should().Be(expected);
        var mirrored = expected switch { "Before" => "After", "After" => "Before", _ => expected };
        Clock(right).Compare(Clock(left)).ToString().Should().Be(mirrored);
    }

    [Theory]
    [InlineData("a:2 b:1", "a:1 b:3 c:1", "a:2 b:3 c:1")]
    [InlineData("", "a:1", "a:1")]
    [InlineData("a:1", "a:1", "a:1")]
    public void Merge_takes_the_larger_entry_of_each_node(string left, string right, string expected)
    {
        Clock(left).Merge(Clock(right)).Should().Be(Clock(expected));
    }

    [Fact]
    public void Pruning_a_node_forgets_its_entry()
    {
        var clock = Clock("a:2 b:3").Prune("b");

        clock.Should().Be(Clock("a:2"));
        clock.Version("b").Should().Be(0);
    }

    [Fact]
    public void Merge_is_commutative_associative_idempotent_and_after_or_equal_to_both_sides()
    {
        var random = new Random(2026);
        var nodes = new[] { "a", "b", "c", "d" };
        VectorClock RandomClock()
        {
            var clock = VectorClock.Empty;
            for (var i = random.Next(0, 8); i > 0; i--)
            {
                clock = clock.Increment(nodes[random.Next(nodes.Length)]);
            }

            return clock;
        }

        for (var run = 0; run < 2_000; run++)
        {
            var (x, y, z) = (RandomClock(), RandomClock(), RandomClock());
            var merged = x.Merge(y);

            merged.Should().Be(y.Merge(x));
            merged.Merge(z).Should().Be(x.Merge(y.Merge(z)));
            merged.Merge(merged).Should().Be(merged);
            merged.Compare(x).Should().BeOneOf(ClockOrder.After, ClockOrder.Same);
            merged.Compare(y).Should().BeOneOf(ClockOrder.After, ClockOrder.Same);
            if (merged.Equals(x))
            {
                merged.GetHashCode().Should().Be(x.GetHashCode(), "equal clocks hash alike");
            }
        }
    }

    [Fact]
    public void Incrementing_always_moves_a_clock_after_itself()
    {
        var clock = Clock("a:1 b:2");

        clock.Increment("c").Compare(clock).Should().Be(ClockOrder.After);
        clock.Increment("a").Compare(clock).Should().Be(ClockOrder.After);
    }
}
