using Scheduler.Actors;
using Scheduler.Sharding.Allocation;
using Xunit.Abstractions;

namespace Scheduler.Sharding.Tests.Allocation;

public sealed class LeastShardAllocationStrategySpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private readonly LeastShardAllocationStrategy _strategy = new(absoluteLimit: 20, relativeLimit: 1.0);

    [Fact]
    public void A_new_shard_goes_to_the_region_with_the_fewest_shards()
    {
        var (a, b, c) = (Region("a"), Region("b"), Region("c"));
        var allocations = Allocations((a, ["1", "2"]), (b, ["3"]), (c, ["4", "5"]));

        _strategy.AllocateShard(a, "6", allocations).Should().Be(b);
    }

    [Fact]
    public void A_tie_goes_to_the_same_region_every_time()
    {
        var (a, b) = (Region("a"), Region("b"));

        _strategy.AllocateShard(b, "1", Allocations((b, []), (a, []))).Should().Be(a);
        _strategy.AllocateShard(a, "1", Allocations((a, []), (b, []))).Should().Be(a);
    }

    [Fact]
    public void With_no_region_allocation_fails_naming_the_shard()
    {
        var allocate = () => _strategy.AllocateShard(Region("a"), "17", Allocations());

        allocate.Should().Throw<InvalidOperationException>().WithMessage("*17*");
    }

    public static TheoryData<int[], int, double, int> RebalanceTable => new()
    {
        // shards per region, absolute limit, relative limit, shards moved
        { [4, 0], 20, 1.0, 2 },       // an empty region takes half
        { [3, 2], 20, 1.0, 0 },       // differing by one is balanced
        { [10, 0, 0], 20, 1.0, 6 },   // 10 over 3: 4, 3, 3
        { [10, 0, 0], 2, 1.0, 2 },    // the absolute limit caps a round
        { [100, 0], 20, 0.1, 10 },    // so does the relative one: a tenth of 100
        { [3, 0], 20, 0.1, 1 },       // at least one, however small the share
        { [5], 20, 1.0, 0 },          // one region: nowhere to move to
    };

    [Theory]
    [MemberData(nameof(RebalanceTable))]
    public void Rebalance_moves_shards_from_the_fullest_to_the_emptiest_within_the_limits(int[] counts, int absolute, double relative, int moved)
    {
        var strategy = new LeastShardAllocationStrategy(absolute, relative);
        var next = 0;
        var allocations = counts
            .Select((count, i) => (Region($"r{i}"), Enumerable.Range(0, count).Select(_ => (next++).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()))
            .ToArray();

        var moving = strategy.Rebalance(Allocations(allocations), new HashSet<string>());

        moving.Should().HaveCount(moved);
        moving.Should().BeSubsetOf(allocations.Where(a => a.Item2.Length == counts.Max()).SelectMany(a => a.Item2), "shards leave the fullest region first");
    }

    [Fact]
    public void No_round_starts_while_another_is_moving_shards()
    {
        var (a, b) = (Region("a"), Region("b"));

        _strategy.Rebalance(Allocations((a, ["1", "2", "3", "4"]), (b, [])), new HashSet<string> { "1" }).Should().BeEmpty();
    }

    [Fact]
    public void Repeated_rounds_always_end_balanced_within_the_limit_per_round()
    {
        var random = new Random(2026);
        for (var trial = 0; trial < 200; trial++)
        {
            var regionCount = random.Next(1, 7);
            var regions = Enumerable.Range(0, regionCount).Select(i => Region($"p{trial}-{i}")).ToList();
            var holdings = regions.ToDictionary(r => r, _ => new List<string>());
            var shards = random.Next(0, 60);
            for (var s = 0; s < shards; s++)
            {
                holdings[regions[random.Next(regionCount)]].Add($"s{s}");
            }

            var strategy = new LeastShardAllocationStrategy(random.Next(1, 10), 0.1 + (random.NextDouble() * 0.9));
            var rounds = 0;
            while (true)
            {
                var moving = strategy.Rebalance(holdings.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value), new HashSet<string>());
                if (moving.Count == 0)
                {
                    break;
                }

                moving.Count.Should().BeLessThanOrEqualTo(strategy.AbsoluteLimit);
                foreach (var shard in moving)
                {
                    // Hand-off, then allocation where the strategy puts new shards.
                    holdings.Values.Single(list => list.Contains(shard)).Remove(shard);
                    var to = strategy.AllocateShard(regions[0], shard, holdings.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value));
                    holdings[to].Add(shard);
                }

                (++rounds).Should().BeLessThan(100, "rebalancing converges");
            }

            var sizes = holdings.Values.Select(list => list.Count).ToList();
            (sizes.Max() - sizes.Min()).Should().BeLessThanOrEqualTo(1, $"trial {trial} ends balanced");
            sizes.Sum().Should().Be(shards, "no shard is lost or doubled");
        }
    }

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(5, 0.0)]
    [InlineData(5, 1.5)]
    public void Limits_out_of_range_are_refused(int absolute, double relative)
    {
        var create = () => new LeastShardAllocationStrategy(absolute, relative);

        create.Should().Throw<ArgumentOutOfRangeException>();
    }

    private IActorRef Region(string name) => Sys.ActorOf(Props.Create<Idle>(), name);

    private static Dictionary<IActorRef, IReadOnlyList<string>> Allocations(params (IActorRef Region, string[] Shards)[] regions) =>
        regions.ToDictionary(r => r.Region, r => (IReadOnlyList<string>)r.Shards);

    private sealed class Idle : ReceiveActor;
}
