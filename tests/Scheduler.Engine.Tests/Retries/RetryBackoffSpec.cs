using Scheduler.Engine.Model;
using Scheduler.Engine.Retries;

namespace Scheduler.Engine.Tests.Retries;

public sealed class RetryBackoffSpec
{
    private static readonly RetryPolicy NoJitter = RetryPolicy.Default with { Jitter = 0 };

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(7, 64)]
    [InlineData(8, 100)]
    [InlineData(400, 100)]
    public void Delays_double_up_to_the_maximum(int retry, int seconds) =>
        RetryBackoff.Delay(NoJitter, retry, 0.5).Should().Be(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData(0.0, 8)]
    [InlineData(0.5, 10)]
    [InlineData(0.999999, 12)]
    public void Jitter_spreads_a_delay_either_way(double sample, int seconds) =>
        RetryBackoff.Delay(RetryPolicy.Default with { InitialBackoff = TimeSpan.FromSeconds(10) }, 1, sample)
            .TotalSeconds.Should().BeApproximately(seconds, 0.001);

    [Fact]
    public void Jitter_never_goes_past_the_maximum() =>
        RetryBackoff.Delay(RetryPolicy.Default, 50, 0.999).Should().Be(TimeSpan.FromSeconds(100));

    [Theory]
    [InlineData(1, "io", true)]
    [InlineData(9, "io", true)]
    [InlineData(10, "io", false)]
    [InlineData(1, "bad-input", false)]
    [InlineData(1, "invalid-payload", false)]
    [InlineData(1, "unknown-task-type", false)]
    public void Attempts_are_bounded_and_some_errors_are_not_retried(int failures, string kind, bool retried)
    {
        var policy = RetryPolicy.Default with { NonRetryableErrors = ["bad-input"] };

        RetryBackoff.NextDelay(policy, failures, kind, 0.5).HasValue.Should().Be(retried);
    }
}
