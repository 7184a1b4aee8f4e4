using Scheduler.Actors;
using Scheduler.Cluster.Members;
using Scheduler.Engine.Model;
using Scheduler.Engine.Placement;
using Scheduler.Engine.Tasks;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Placement;

public sealed class PlacementPolicySpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private readonly Dictionary<string, IActorRef> _actors = [];

    [Theory]
    [InlineData(PlacementStrategy.LeastLoaded, "b")]
    [InlineData(PlacementStrategy.FirstFit, "a")]
    [InlineData(PlacementStrategy.BestFit, "a")]
    public void Each_strategy_picks_its_worker(PlacementStrategy strategy, string expected)
    {
        // a: 8 slots, 6 in use (2 free); b: 4 slots, 1 in use (3 free); c: full.
        var workers = new[] { Worker("a", 8, 2), Worker("b", 4, 3), Worker("c", 4, 0) };

        var chosen = PlacementPolicy.Choose(new PlacementSpec { Strategy = strategy }, workers, turn: 0);

        chosen!.Key.Should().EndWith("/" + expected);
    }

    [Fact]
    public void Round_robin_takes_each_worker_with_room_in_turn()
    {
        var workers = new[] { Worker("a", 4, 4), Worker("b", 4, 4), Worker("c", 4, 0) };
        var spec = new PlacementSpec { Strategy = PlacementStrategy.RoundRobin };

        var picks = Enumerable.Range(0, 4).Select(turn => PlacementPolicy.Choose(spec, workers, turn)!.Key[^1..]);

        picks.Should().Equal("a", "b", "a", "b");
    }

    [Fact]
    public void Constraints_come_first_for_every_strategy()
    {
        var workers = new[]
        {
            Worker("a", 4, 4),
            Worker("b", 4, 1, tags: ["gpu"]),
            Worker("c", 4, 4, tags: ["gpu"], roles: ["batch"]),
        };

        foreach (var strategy in Enum.GetValues<PlacementStrategy>())
        {
            var spec = new PlacementSpec { Strategy = strategy, RequiredTags = ["gpu"], Role = "batch", AffinityKey = "k" };
            PlacementPolicy.Choose(spec, workers, 3)!.Key.Should().EndWith("/c", strategy.ToString());
            PlacementPolicy.Choose(spec with { RequiredTags = ["tpu"] }, workers, 3).Should().BeNull(strategy.ToString());
        }
    }

    [Fact]
    public void Declared_resources_must_fit_and_undeclared_ones_do_not_count()
    {
        var request = new PlacementSpec { Resources = new ResourceRequest { Slots = 2, CpuMillis = 1500, MemoryMiB = 512 } };

        PlacementPolicy.Choose(request, [Worker("a", 4, 4, cpu: (4000, 1000))], 0).Should().BeNull("1 core is free, 1.5 are asked");
        PlacementPolicy.Choose(request, [Worker("a", 4, 1)], 0).Should().BeNull("one slot is free, two are asked");
        PlacementPolicy.Choose(request, [Worker("a", 4, 2)], 0).Should().NotBeNull("the worker declares no CPU or memory");
    }

    [Fact]
    public void Best_fit_leaves_the_big_holes_for_big_requests()
    {
        var workers = new[] { Worker("big", 8, 8, cpu: (8000, 8000)), Worker("small", 8, 8, cpu: (2000, 2000)) };
        var request = new PlacementSpec { Strategy = PlacementStrategy.BestFit, Resources = new ResourceRequest { CpuMillis = 1500 } };

        PlacementPolicy.Choose(request, workers, 0)!.Key.Should().EndWith("/small");
    }

    [Fact]
    public void Consistent_hashing_keeps_a_key_on_its_worker_and_moves_few_keys_when_a_worker_leaves()
    {
        var workers = Enumerable.Range(0, 5).Select(i => Worker("w" + i, 100, 100)).ToList();
        var keys = Enumerable.Range(0, 1000).Select(i => "key-" + i).ToList();
        string Owner(string key, IReadOnlyCollection<WorkerCapacity> among) =>
            PlacementPolicy.Choose(new PlacementSpec { Strategy = PlacementStrategy.ConsistentHash, AffinityKey = key }, among, 0)!.Key;

        var before = keys.ToDictionary(k => k, k => Owner(k, workers));
        keys.Select(k => Owner(k, workers)).Should().Equal(keys.Select(k => before[k]), "the same key always lands on the same worker");
        before.Values.GroupBy(v => v).Should().HaveCount(5).And.OnlyContain(g => g.Count() > 120, "keys spread over all workers");

        var gone = workers[2];
        var after = keys.ToDictionary(k => k, k => Owner(k, workers.Where(w => w != gone).ToList()));
        var moved = keys.Where(k => after[k] != before[k]).ToList();
        moved.Should().OnlyContain(k => before[k] == gone.Key, "only the leaving worker's keys move");
    }

    [Fact]
    public void Consistent_hashing_waits_for_a_full_owner_instead_of_going_elsewhere()
    {
        var full = Worker("a", 1, 0);
        var free = Worker("b", 1, 1);
        var spec = Enumerable.Range(0, 100)
            .Select(i => new PlacementSpec { Strategy = PlacementStrategy.ConsistentHash, AffinityKey = "k" + i })
            .First(s => PlacementPolicy.Choose(s, [full with { FreeSlots = 1 }, free], 0)!.Key == full.Key);

        PlacementPolicy.Choose(spec, [full, free], 0).Should().BeNull();
    }

    [Fact]
    public void Every_strategy_but_hashing_picks_as_if_the_candidates_were_sorted_by_key_and_the_best_taken_first()
    {
        // The definition, written the slow way: the candidates ordered by key, then the first best one.
        static WorkerCapacity? Defined(PlacementSpec spec, IEnumerable<WorkerCapacity> workers, long turn)
        {
            var candidates = workers.Where(w => PlacementPolicy.Meets(spec, w) && PlacementPolicy.Fits(spec.Resources, w))
                .OrderBy(w => w.Key, StringComparer.Ordinal).ToList();
            if (candidates.Count == 0)
            {
                return null;
            }

            return spec.Strategy switch
            {
                PlacementStrategy.RoundRobin => candidates[(int)(turn % candidates.Count)],
                PlacementStrategy.FirstFit => candidates[0],
                PlacementStrategy.BestFit => candidates.MinBy(w => ((double)(w.FreeSlots - spec.Resources.Slots) / Math.Max(w.Slots, 1))
                    + (w.CpuMillis > 0 ? (double)(w.FreeCpuMillis - spec.Resources.CpuMillis) / w.CpuMillis : 0)),
                _ => candidates.MinBy(w => (w.Load, -w.FreeSlots)),
            };
        }

        var random = new Random(7);
        var names = new[] { "d", "a", "c", "e", "b", "f" };
        var strategies = new[] { PlacementStrategy.LeastLoaded, PlacementStrategy.RoundRobin, PlacementStrategy.FirstFit, PlacementStrategy.BestFit };
        for (var round = 0; round < 2000; round++)
        {
            // Few distinct sizes, so that ties (which the key breaks) are common.
            var workers = names.Take(random.Next(0, names.Length + 1)).Select(name =>
            {
                var slots = random.Next(1, 4) * 2;
                var cpu = random.Next(3) == 0 ? ((int Total, int Free)?)(2000, random.Next(0, 3) * 500) : null;
                return Worker(name, slots, random.Next(0, slots + 1), tags: random.Next(2) == 0 ? ["gpu"] : null, cpu: cpu);
            }).ToList();
            var spec = new PlacementSpec
            {
                Strategy = strategies[random.Next(strategies.Length)],
                RequiredTags = random.Next(3) == 0 ? ["gpu"] : [],
                Resources = new ResourceRequest { Slots = random.Next(1, 3), CpuMillis = random.Next(2) * 500 },
            };
            var turn = random.Next(0, 10);

            (PlacementPolicy.Choose(spec, workers, turn)?.Key).Should().Be(Defined(spec, workers, turn)?.Key, $"round {round}, {spec.Strategy}");
        }
    }

    private WorkerCapacity Worker(string name, int slots, int free, string[]? tags = null, string[]? roles = null, (int Total, int Free)? cpu = null)
    {
        if (!_actors.TryGetValue(name, out var actor))
        {
            _actors[name] = actor = Sys.ActorOf(Props.Create<Idle>(), name);
        }

        var node = new UniqueAddress(new Address("sched.tcp", "sys", "10.0.0.1", 2552), 1);
        return new WorkerCapacity(new WorkerRef(actor, node), slots, free, cpu?.Total ?? 0, cpu?.Free ?? 0, 0, 0,
            (tags ?? []).ToHashSet(StringComparer.Ordinal), (roles ?? []).ToHashSet(StringComparer.Ordinal));
    }

    private sealed class Idle : ReceiveActor;
}
