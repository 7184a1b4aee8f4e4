using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Actors.Tests.Selection;

public sealed class ActorSelectionSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    private IActorRef SpawnChild(IActorRef parent, string name)
    {
        parent.Tell(new ParentActor.Spawn(name), TestActor);
        return ExpectMsg<IActorRef>();
    }

    [Fact]
    public void Absolute_full_and_relative_paths_reach_the_actor()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(TestActor)), "parent");
        var child = SpawnChild(parent, "child");

        Sys.ActorSelection("/user/parent/child").Tell("absolute", TestActor);
        ExpectMsg("absolute");
        Sys.ActorSelection(child.Path.ToString()).Tell("full", TestActor);
        ExpectMsg("full");
        Sys.ActorSelection("parent/child").Tell("relative to /user", TestActor);
        ExpectMsg("relative to /user");
    }

    [Fact]
    public void Wildcards_select_every_matching_child()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor(TestActor)), "workers");
        SpawnChild(parent, "worker-1");
        SpawnChild(parent, "worker-2");
        SpawnChild(parent, "other");

        Sys.ActorSelection("/user/workers/worker-*").Tell(new Identify("w"), TestActor);

        var identities = ReceiveN(2).Cast<ActorIdentity>().Select(i => i.Subject!.Path.Name);
        identities.Should().BeEquivalentTo("worker-1", "worker-2");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private sealed class SiblingCaller : ReceiveActor
    {
        public SiblingCaller() => Receive<string>(name => Context.ActorSelection($"../{name}").Tell("hi sibling", Sender));
    }

    [Fact]
    public void A_context_selection_is_relative_to_the_actor()
    {
        Sys.ActorOf(Props.Create<EchoActor>(), "sibling");
        var caller = Sys.ActorOf(Props.Create<SiblingCaller>(), "caller");

        caller.Tell("sibling", TestActor);

        ExpectMsg("hi sibling");
    }

    [Fact]
    public void A_selection_that_matches_nothing_answers_Identify_empty_and_dead_letters_the_rest()
    {
        var letters = CreateTestProbe();
        Sys.EventStream.Subscribe<DeadLetter>(letters.Ref);

        Sys.ActorSelection("/user/missing").Tell(new Identify(1), TestActor);
        ExpectMsg(new ActorIdentity(1, null));

        Sys.ActorSelection("/user/missing").Tell("lost", TestActor);
        letters.ExpectMsg<DeadLetter>(d => Equals(d.Message, "lost") && d.Reason!.Contains("/user/missing", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("worker-*", "worker-1", true)]
    [InlineData("worker-*", "worker-", true)]
    [InlineData("worker-*", "work", false)]
    [InlineData("w?rker", "worker", true)]
    [InlineData("w?rker", "wrker", false)]
    [InlineData("*", "", true)]
    [InlineData("*a*b", "xxaYYb", true)]
    [InlineData("*a*b", "xxaYYbc", false)]
    [InlineData("exact", "exact", true)]
    public void Wildcard_patterns_match_as_globs(string pattern, string name, bool expected) =>
        Wildcard.Matches(pattern, name).Should().Be(expected);
}
