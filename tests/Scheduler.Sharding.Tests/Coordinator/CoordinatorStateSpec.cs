using Scheduler.Actors;
using Scheduler.Sharding.Coordinator;
using Xunit.Abstractions;
using static Scheduler.Sharding.Coordinator.CoordinatorEvent;

namespace Scheduler.Sharding.Tests.Coordinator;

public sealed class CoordinatorStateSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Fact]
    public void Regions_register_take_shards_and_lose_them_when_they_are_gone()
    {
        var (a, b) = (Region("a"), Region("b"));
        var state = Apply(CoordinatorState.Empty(rememberEntities: false),
            new RegionRegistered(a), new RegionRegistered(b), new ShardHomeAllocated("1", a), new ShardHomeAllocated("2", b), new ShardHomeAllocated("3", a));

        state.Shards.Should().BeEquivalentTo(new Dictionary<string, IActorRef> { ["1"] = a, ["2"] = b, ["3"] = a });
        state.Regions[a].Should().Equal("1", "3");

        state = state.Updated(new RegionTerminated(a));

        state.Regions.Keys.Should().Equal(b);
        state.Shards.Keys.Should().Equal("2");
        state.UnallocatedShards.Should().BeEmpty("without remember-entities a shard gets a home when a message asks for one");
    }

    [Fact]
    public void With_remember_entities_shards_of_a_gone_region_or_handed_off_wait_to_be_allocated_again()
    {
        var (a, b) = (Region("a"), Region("b"));
        var state = Apply(CoordinatorState.Empty(rememberEntities: true),
            new RegionRegistered(a), new RegionRegistered(b), new ShardHomeAllocated("1", a), new ShardHomeAllocated("2", b));

        state = Apply(state, new RegionTerminated(a), new ShardHomeDeallocated("2"));
        state.UnallocatedShards.Should().BeEquivalentTo(["1", "2"]);

        state = state.Updated(new ShardHomeAllocated("1", b));
        state.UnallocatedShards.Should().BeEquivalentTo(["2"]);
    }

    public static TheoryData<string> InvalidHistories => new() { "twice-registered", "allocated-twice", "to-unknown", "unknown-terminated", "deallocate-unknown", "proxy-unknown" };

    [Theory]
    [MemberData(nameof(InvalidHistories))]
    public void An_event_that_does_not_fit_the_state_is_refused_with_what_is_wrong(string history)
    {
        var (a, b) = (Region("a"), Region("b"));
        var start = Apply(CoordinatorState.Empty(false), new RegionRegistered(a), new ShardHomeAllocated("1", a));
        CoordinatorEvent bad = history switch
        {
            "twice-registered" => new RegionRegistered(a),
            "allocated-twice" => new ShardHomeAllocated("1", a),
            "to-unknown" => new ShardHomeAllocated("2", b),
            "unknown-terminated" => new RegionTerminated(b),
            "deallocate-unknown" => new ShardHomeDeallocated("9"),
            _ => new RegionProxyTerminated(b),
        };

        var apply = () => start.Updated(bad);

        apply.Should().Throw<InvalidOperationException>().WithMessage("*cannot apply*");
    }

    [Fact]
    public void A_snapshot_holds_the_whole_state_and_reads_back_through_the_registry()
    {
        var (a, b, p) = (Region("a"), Region("b"), Region("p"));
        var state = Apply(CoordinatorState.Empty(true),
            new RegionRegistered(a), new RegionRegistered(b), new RegionProxyRegistered(p),
            new ShardHomeAllocated("1", a), new ShardHomeAllocated("2", b), new ShardHomeDeallocated("2"));
        CoordinatorEvent.RegisterAll(Sys.Serialization);

        var serialized = Sys.Serialization.Serialize(state.ToSnapshot());
        var restored = CoordinatorState.FromSnapshot((CoordinatorSnapshot)Sys.Serialization.Deserialize(serialized.Manifest, serialized.Payload.Span));

        restored.Shards.Should().BeEquivalentTo(state.Shards);
        restored.Regions.Keys.Should().BeEquivalentTo(state.Regions.Keys);
        restored.Regions[a].Should().Equal(state.Regions[a]);
        restored.RegionProxies.Should().BeEquivalentTo(state.RegionProxies);
        restored.UnallocatedShards.Should().BeEquivalentTo(state.UnallocatedShards);
    }

    [Fact]
    public void Every_event_reads_back_through_the_registry_with_its_refs()
    {
        var a = Region("a");
        CoordinatorEvent.RegisterAll(Sys.Serialization);
        CoordinatorEvent[] events = [new RegionRegistered(a), new RegionProxyRegistered(a), new RegionTerminated(a), new RegionProxyTerminated(a), new ShardHomeAllocated("1", a), new ShardHomeDeallocated("1")];

        foreach (var @event in events)
        {
            var serialized = Sys.Serialization.Serialize(@event);
            Sys.Serialization.Deserialize(serialized.Manifest, serialized.Payload.Span).Should().Be(@event);
        }
    }

    private static CoordinatorState Apply(CoordinatorState state, params CoordinatorEvent[] events) =>
        events.Aggregate(state, (current, @event) => current.Updated(@event));

    private IActorRef Region(string name) => Sys.ActorOf(Props.Create<Idle>(), name);

    private sealed class Idle : ReceiveActor;
}
