using Scheduler.Cluster.Downing;
using Verdict = Scheduler.Cluster.Downing.StabilityTracker.Verdict;

namespace Scheduler.Cluster.Tests.Downing;

public sealed class StabilityTrackerSpec
{
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(3);

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void A_partition_is_decided_on_once_it_has_looked_the_same_for_stable_after()
    {
        var tracker = new StabilityTracker(StableAfter, downAllWhenUnstable: null);
        tracker.Observe(S(0), "1,2,3", string.Empty);
        tracker.Observe(S(10), "1,2,3", "3");

        tracker.Check(S(12.9), hasUnreachable: true).Should().Be(Verdict.Wait);
        tracker.Check(S(13), hasUnreachable: true).Should().Be(Verdict.Decide);
    }

    [Fact]
    public void Any_change_restarts_the_wait()
    {
        var tracker = new StabilityTracker(StableAfter, downAllWhenUnstable: null);
        tracker.Observe(S(0), "1,2,3", "3");
        tracker.Observe(S(2), "1,2,3", "2,3");
        tracker.Check(S(4), hasUnreachable: true).Should().Be(Verdict.Wait);
        tracker.Observe(S(4.5), "1,2,3,4", "2,3");
        tracker.Check(S(7), hasUnreachable: true).Should().Be(Verdict.Wait);
        tracker.Check(S(7.5), hasUnreachable: true).Should().Be(Verdict.Decide);
    }

    [Fact]
    public void The_same_view_observed_again_is_no_change()
    {
        var tracker = new StabilityTracker(StableAfter, downAllWhenUnstable: null);
        tracker.Observe(S(0), "1,2,3", "3");
        tracker.Observe(S(2), "1,2,3", "3");

        tracker.Check(S(3), hasUnreachable: true).Should().Be(Verdict.Decide);
    }

    [Fact]
    public void Nothing_is_decided_while_everyone_is_reachable()
    {
        var tracker = new StabilityTracker(StableAfter, downAllWhenUnstable: S(4));
        tracker.Observe(S(0), "1,2,3", string.Empty);

        tracker.Check(S(100), hasUnreachable: false).Should().Be(Verdict.Wait);
    }

    [Fact]
    public void After_acting_the_resolver_waits_for_stable_after_again()
    {
        var tracker = new StabilityTracker(StableAfter, downAllWhenUnstable: null);
        tracker.Observe(S(0), "1,2,3", "3");
        tracker.Check(S(3), hasUnreachable: true).Should().Be(Verdict.Decide);
        tracker.Acted(S(3));

        tracker.Check(S(5), hasUnreachable: true).Should().Be(Verdict.Wait);
        tracker.Check(S(6), hasUnreachable: true).Should().Be(Verdict.Decide);
    }

    [Fact]
    public void Reachability_that_keeps_changing_downs_everyone_after_stable_after_plus_the_unstable_window()
    {
        var tracker = new StabilityTracker(StableAfter, downAllWhenUnstable: S(4));
        var checks = new List<Verdict>();

        // A link that flaps every two seconds: never stable for three.
        for (var t = 0; t <= 8; t += 2)
        {
            tracker.Observe(S(t), "1,2,3", t % 4 == 0 ? "3" : "2|3");
            checks.Add(tracker.Check(S(t + 1), hasUnreachable: true));
        }

        // The changes at 0 to 8 span 8s, past 3s + 4s: the change at 8 tips it.
        checks.Should().Equal(Verdict.Wait, Verdict.Wait, Verdict.Wait, Verdict.Wait, Verdict.DownAll);
    }

    [Fact]
    public void Membership_changes_alone_delay_a_decision_but_are_not_instability()
    {
        var tracker = new StabilityTracker(StableAfter, downAllWhenUnstable: S(1));
        tracker.Observe(S(0), "1,2,3", "3");
        tracker.Observe(S(2), "1,2,3,4", "3");
        tracker.Observe(S(4), "1,2,3,4,5", "3");

        tracker.Check(S(6), hasUnreachable: true).Should().Be(Verdict.Wait, "the first reachability change was 6s ago, but only members changed since");
        tracker.Check(S(6.5), hasUnreachable: true).Should().Be(Verdict.Wait);
        tracker.Check(S(7), hasUnreachable: true).Should().Be(Verdict.Decide);
    }

    [Fact]
    public void Instability_that_heals_and_stays_healed_is_forgotten()
    {
        var tracker = new StabilityTracker(StableAfter, downAllWhenUnstable: S(4));
        tracker.Observe(S(0), "1,2,3", "3");
        tracker.Observe(S(1), "1,2,3", string.Empty);
        tracker.Check(S(5), hasUnreachable: false).Should().Be(Verdict.Wait);

        // Much later a single failure: decided on normally, not taken for the tail of the old instability.
        tracker.Observe(S(20), "1,2,3", "3");
        tracker.Check(S(22), hasUnreachable: true).Should().Be(Verdict.Wait);
        tracker.Check(S(23), hasUnreachable: true).Should().Be(Verdict.Decide);
    }
}
