using Microsoft.Extensions.Configuration;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Actors.Tests.Cell;

public sealed class ActorSystemSpec(ITestOutputHelper output) : TestKit.TestKit(output)
{
    [Theory]
    [InlineData("bad name")]
    [InlineData("")]
    [InlineData("-leading-dash")]
    [InlineData("dots.are.not.allowed")]
    public void Invalid_system_names_are_refused(string name)
    {
        var act = () => ActorSystem.Create(name);
        act.Should().Throw<ArgumentException>().WithMessage($"*'{name}'*");
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("$reserved")]
    [InlineData("")]
    public void Invalid_actor_names_are_refused_and_create_nothing(string name)
    {
        var act = () => Sys.ActorOf(Props.Create<EchoActor>(), name);
        act.Should().Throw<InvalidActorNameException>().WithMessage($"Actor name '{name}' is invalid*");
        Sys.ActorSelection("/user/*").Tell(new Identify(null), TestActor);
        ExpectMsg<ActorIdentity>(i => i.Subject is null);
    }

    [Fact]
    public void A_duplicate_name_is_refused_while_the_first_actor_lives()
    {
        var first = Sys.ActorOf(Props.Create<EchoActor>(), "unique");
        var act = () => Sys.ActorOf(Props.Create<EchoActor>(), "unique");
        act.Should().Throw<InvalidActorNameException>().WithMessage("*'unique' is not unique*");

        Watch(first);
        Sys.Stop(first);
        ExpectTerminated(first);
        AwaitAssert(() => Sys.ActorOf(Props.Create<EchoActor>(), "unique").Should().NotBe(first));
    }

    [Theory]
    [InlineData("scheduler:actor:ask-timeout", "soon", "'scheduler.actor.ask-timeout'*'soon'*duration")]
    [InlineData("scheduler:actor:log-dead-letters", "many", "'scheduler.actor.log-dead-letters'*'many'*whole number")]
    [InlineData("scheduler:actor:dispatchers:default-dispatcher:throughput", "0", "*throughput' must be at least 1*")]
    [InlineData("scheduler:actor:dispatchers:default-dispatcher:type", "fork-join", "*'fork-join'; expected 'thread-pool' or 'pinned'")]
    [InlineData("scheduler:actor:guardian-supervisor-strategy", "maybe", "*'maybe'; expected 'default' or 'stopping'")]
    [InlineData("scheduler:coordinated-shutdown:phases:service-stop:depends-on:0", "nowhere", "*'service-stop' depends on 'nowhere'*")]
    public void Malformed_settings_are_refused_with_the_key_named(string key, string value, string message)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        var act = () => ActorSystem.Create("bad-settings", config);
        act.Should().Throw<ConfigurationException>().WithMessage($"*{message}*");
    }

    [Fact]
    public async Task Environment_style_overrides_reach_the_settings()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["scheduler:actor:ask-timeout"] = "250ms",
        }).Build();
        var system = ActorSystem.Create("overridden", config);
        try
        {
            system.Settings.AskTimeout.Should().Be(TimeSpan.FromMilliseconds(250));
            system.Settings.LogDeadLetters.Should().Be(10, "the rest comes from reference.conf");
        }
        finally
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public async Task An_actor_of_a_system_started_again_at_the_same_address_is_not_its_predecessor()
    {
        // A restarted node: the same name and address, the same actors created in the same order.
        var earlier = ActorSystem.Create("incarnations");
        var before = earlier.ActorOf(Props.Create<EchoActor>(), "region");
        await earlier.Terminate();
        var later = ActorSystem.Create("incarnations");
        var after = later.ActorOf(Props.Create<EchoActor>(), "region");

        after.Path.Should().Be(before.Path);
        after.Should().NotBe(before, "a ref to the old incarnation's actor must never reach or stand for the new one");
        await later.Terminate();
    }

    [Fact]
    public async Task After_termination_no_actor_can_be_created()
    {
        await Sys.Terminate();
        var act = () => Sys.ActorOf(Props.Create<EchoActor>());
        act.Should().Throw<InvalidOperationException>().WithMessage("*terminated*");
    }

    [Fact]
    public void Extensions_are_created_once_per_system()
    {
        var first = Sys.GetOrAddExtension(_ => new object());
        var second = Sys.GetOrAddExtension(_ => new object());
        second.Should().BeSameAs(first);
    }
}
