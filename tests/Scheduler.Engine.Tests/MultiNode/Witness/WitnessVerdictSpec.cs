namespace Scheduler.Engine.Tests.MultiNode.Witness;

/// <summary>The witness judge is what the failover specs rest on, so it is tested on its own: each rule can fail.</summary>
public sealed class WitnessVerdictSpec
{
    private static readonly DateTime T0 = new(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc);

    private static DateTime At(double seconds) => T0.AddSeconds(seconds);

    private static WitnessedAttempt Run(string task, int attempt, string node, double began, double? ended, string? outcome = WitnessedAttempt.Succeeded) =>
        new(task, attempt, node, At(began), ended is { } e ? At(e) : null, ended is null ? null : outcome);

    [Fact]
    public void Sequential_attempts_each_task_succeeding_once_are_clean()
    {
        var verdict = WitnessVerdict.Judge(["a", "b"], [Run("a", 1, "n1", 0, 1), Run("b", 1, "n2", 0, 1, WitnessedAttempt.Stopped), Run("b", 2, "n1", 1.5, 2)], []);

        verdict.Clean.Should().BeTrue(verdict.ToString());
        verdict.Redone.Should().Equal("b");
    }

    [Fact]
    public void A_task_without_a_success_is_lost()
    {
        var verdict = WitnessVerdict.Judge(["a", "b", "c"], [Run("a", 1, "n1", 0, 1), Run("b", 1, "n1", 0, 1, WitnessedAttempt.Stopped)], []);

        verdict.Lost.Should().Equal("b", "c");
    }

    [Theory]
    [InlineData(0.5, 2.0, true)]
    [InlineData(1.0, 2.0, false)]
    [InlineData(0.0, 0.5, true)]
    public void Attempts_of_one_task_that_share_time_overlap(double secondBegan, double secondEnded, bool overlaps)
    {
        var verdict = WitnessVerdict.Judge(["a"], [Run("a", 1, "n1", 0, 1, WitnessedAttempt.Stopped), Run("a", 2, "n2", secondBegan, secondEnded)], []);

        verdict.Overlapping.Should().HaveCount(overlaps ? 1 : 0);
    }

    [Fact]
    public void An_open_attempt_on_a_departed_node_ends_at_the_departure()
    {
        var before = WitnessVerdict.Judge(["a"], [Run("a", 1, "n1", 0, null), Run("a", 2, "n2", 3, 4)], [new Departure("n1", At(3.5))]);
        var after = WitnessVerdict.Judge(["a"], [Run("a", 1, "n1", 0, null), Run("a", 2, "n2", 5, 6)], [new Departure("n1", At(3.5))]);

        before.Overlapping.Should().ContainSingle("the second attempt began while the first node may still have run it");
        after.Clean.Should().BeTrue(after.ToString());
    }

    [Fact]
    public void An_open_attempt_on_a_node_still_there_is_unexpected_and_overlaps_whatever_follows()
    {
        var verdict = WitnessVerdict.Judge(["a"], [Run("a", 1, "n1", 0, null), Run("a", 2, "n2", 30, 31)], []);

        verdict.Unexpected.Should().ContainSingle().Which.Should().Contain("never ended");
        verdict.Overlapping.Should().ContainSingle();
    }

    [Fact]
    public void A_second_success_is_allowed_only_when_the_first_nodes_report_could_be_lost()
    {
        var departed = WitnessVerdict.Judge(["a"], [Run("a", 1, "n1", 0, 1), Run("a", 2, "n2", 5, 6)], [new Departure("n1", At(2))]);
        var stayed = WitnessVerdict.Judge(["a"], [Run("a", 1, "n1", 0, 1), Run("a", 2, "n2", 5, 6)], []);

        departed.Clean.Should().BeTrue(departed.ToString());
        stayed.Unexpected.Should().ContainSingle().Which.Should().Contain("ran again");
    }

    [Fact]
    public void The_slowest_redo_is_the_longest_wait_from_a_departure_to_a_cut_off_attempt_beginning_elsewhere()
    {
        var verdict = WitnessVerdict.Judge(
            ["a", "b", "c", "d"],
            [
                Run("a", 1, "n3", 0, null), Run("a", 2, "n1", 7, 8),
                Run("b", 1, "n3", 1, null), Run("b", 2, "n2", 12.5, 13),
                Run("c", 1, "n3", 0, 2), // ended before the departure: nothing to redo
                Run("d", 1, "n1", 0, 1),
            ],
            [new Departure("n3", At(5))]);

        verdict.Clean.Should().BeTrue(verdict.ToString());
        verdict.SlowestRedo.Should().Be(TimeSpan.FromSeconds(7.5));
    }

    [Fact]
    public void Without_a_cut_off_attempt_there_is_no_redo_to_time()
    {
        WitnessVerdict.Judge(["a"], [Run("a", 1, "n1", 0, 1)], [new Departure("n3", At(5))]).SlowestRedo.Should().BeNull();
    }

    [Fact]
    public void A_task_nobody_submitted_is_unexpected()
    {
        var verdict = WitnessVerdict.Judge(["a"], [Run("a", 1, "n1", 0, 1), Run("ghost", 1, "n1", 0, 1)], []);

        verdict.Unexpected.Should().ContainSingle().Which.Should().Contain("ghost");
    }
}
