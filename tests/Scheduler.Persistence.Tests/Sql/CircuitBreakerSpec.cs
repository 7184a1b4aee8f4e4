using Scheduler.Persistence.Sql;

namespace Scheduler.Persistence.Tests.Sql;

public sealed class CircuitBreakerSpec
{
    // Each step: "ok" (a success), "fail" (a failure), or "ask" (may a call go through?), at a time in seconds.
    [Theory]
    [InlineData("ask@0=yes fail@0 fail@1 ask@1=yes fail@2 ask@2=no ask@11=no ask@12=yes ask@12=no ok@12 ask@12=yes")]
    [InlineData("fail@0 fail@0 fail@0 ask@0=no ask@10=yes fail@10 ask@15=no ask@20=yes ok@20 fail@21 ask@21=yes")]
    [InlineData("fail@0 ok@0 fail@1 fail@1 ask@1=yes")]
    public void The_breaker_opens_after_repeated_failures_and_lets_one_trial_through_after_the_timeout(string script)
    {
        var breaker = new CircuitBreaker(maxFailures: 3, resetTimeout: TimeSpan.FromSeconds(10));
        foreach (var step in script.Split(' '))
        {
            var (action, rest) = (step[..step.IndexOf('@', StringComparison.Ordinal)], step[(step.IndexOf('@', StringComparison.Ordinal) + 1)..]);
            var at = TimeSpan.FromSeconds(int.Parse(rest.Split('=')[0], System.Globalization.CultureInfo.InvariantCulture));
            switch (action)
            {
                case "ok":
                    breaker.RecordSuccess();
                    break;
                case "fail":
                    breaker.RecordFailure(at);
                    break;
                default:
                    breaker.TryAcquire(at).Should().Be(rest.EndsWith("=yes", StringComparison.Ordinal), step);
                    break;
            }
        }
    }
}
