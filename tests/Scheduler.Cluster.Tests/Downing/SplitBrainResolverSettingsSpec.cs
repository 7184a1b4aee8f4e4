using Microsoft.Extensions.Configuration;
using Scheduler.Actors;
using Scheduler.Cluster.Downing;
using Scheduler.Configuration;

namespace Scheduler.Cluster.Tests.Downing;

public sealed class SplitBrainResolverSettingsSpec
{
    [Fact]
    public void The_defaults_are_keep_majority_with_a_short_stable_after_for_small_clusters()
    {
        var settings = Read(string.Empty)!;

        settings.Strategy.Should().Be(SplitBrainStrategy.KeepMajority);
        settings.StableAfter.Should().Be(TimeSpan.FromSeconds(3));
        settings.DownAllWhenUnstable.Should().Be(TimeSpan.FromSeconds(4), "on means 3/4 of stable-after but at least 4s");
        settings.Role.Should().BeNull();
    }

    [Theory]
    [InlineData("stable-after = 20s\ndown-all-when-unstable = on", 15)]
    [InlineData("down-all-when-unstable = 9s", 9)]
    public void Down_all_when_unstable_is_on_off_or_a_duration(string hocon, int seconds) =>
        Read($"scheduler.cluster.split-brain-resolver {{ {hocon} }}")!.DownAllWhenUnstable.Should().Be(TimeSpan.FromSeconds(seconds));

    [Fact]
    public void Down_all_when_unstable_off_means_never() =>
        Read("scheduler.cluster.split-brain-resolver.down-all-when-unstable = off")!.DownAllWhenUnstable.Should().BeNull();

    [Fact]
    public void Each_strategy_reads_its_own_section()
    {
        Read("""scheduler.cluster.split-brain-resolver { active-strategy = static-quorum, static-quorum { quorum-size = 3, role = worker } }""")
            .Should().BeEquivalentTo(new { Strategy = SplitBrainStrategy.StaticQuorum, QuorumSize = 3, Role = "worker" });
        Read("""scheduler.cluster.split-brain-resolver { active-strategy = keep-oldest, keep-oldest.down-if-alone = off }""")
            .Should().BeEquivalentTo(new { Strategy = SplitBrainStrategy.KeepOldest, DownIfAlone = false });
        Read("""scheduler.cluster.split-brain-resolver { active-strategy = lease-majority, lease-majority.lease-implementation = "scheduler.persistence.sql.lease" }""")
            .Should().BeEquivalentTo(new
            {
                Strategy = SplitBrainStrategy.LeaseMajority,
                LeaseImplementation = "scheduler.persistence.sql.lease",
                LeaseName = "test-split-brain-resolver",
                AcquireLeaseDelayForMinority = TimeSpan.FromSeconds(2),
            });
        Read("scheduler.cluster.split-brain-resolver.active-strategy = down-all")!.Strategy.Should().Be(SplitBrainStrategy.DownAll);
    }

    [Fact]
    public void Downing_provider_off_means_downing_by_hand_only() =>
        ClusterSettings.Read(Load("scheduler.cluster.downing-provider = off"), "test").SplitBrainResolver.Should().BeNull();

    [Theory]
    [InlineData("scheduler.cluster.split-brain-resolver.active-strategy = keep-youngest", "active-strategy", "keep-youngest")]
    [InlineData("scheduler.cluster.split-brain-resolver.active-strategy = static-quorum", "static-quorum.quorum-size", "undefined")]
    [InlineData("scheduler.cluster.split-brain-resolver { active-strategy = static-quorum, static-quorum.quorum-size = 0 }", "static-quorum.quorum-size", "positive")]
    [InlineData("scheduler.cluster.split-brain-resolver.active-strategy = lease-majority", "lease-implementation", "missing")]
    [InlineData("scheduler.cluster.split-brain-resolver.stable-after = 0s", "stable-after", "positive")]
    [InlineData("scheduler.cluster.split-brain-resolver.down-all-when-unstable = sometimes", "down-all-when-unstable", "duration")]
    [InlineData("scheduler.cluster.downing-provider = auto-down", "downing-provider", "auto-down")]
    public void A_wrong_value_fails_with_its_key_named(string hocon, string key, string detail)
    {
        var act = () => ClusterSettings.Read(Load(hocon), "test");

        act.Should().Throw<ConfigurationException>().WithMessage($"*{key}*").WithMessage($"*{detail}*");
    }

    private static SplitBrainResolverSettings? Read(string hocon) => ClusterSettings.Read(Load(hocon), "test").SplitBrainResolver;

    /// <summary>The configuration a system built from <paramref name="hocon"/> over reference.conf has.</summary>
    private static IConfiguration Load(string hocon)
    {
        var system = ActorSystem.Create("test", new ConfigurationBuilder().AddHoconString(hocon, "test").Build());
        var configuration = system.Settings.Configuration;
        system.Terminate().Wait(TimeSpan.FromSeconds(10));
        return configuration;
    }
}
