namespace Scheduler.Actors.Tests.Supervision;

public sealed class RestartStatisticsSpec
{
    // Each row: limit, window (seconds, or -1 for none), the times (seconds) of successive requests, and the answers.
    [Theory]
    [InlineData(-1, -1, new[] { 0, 1, 2, 3 }, new[] { true, true, true, true })]
    [InlineData(0, -1, new[] { 0 }, new[] { false })]
    [InlineData(0, 10, new[] { 0 }, new[] { false })]
    [InlineData(2, -1, new[] { 0, 100, 200 }, new[] { true, true, false })]
    [InlineData(2, 10, new[] { 0, 5, 9 }, new[] { true, true, false })]
    [InlineData(2, 10, new[] { 0, 5, 11 }, new[] { true, true, true })]
    [InlineData(2, 10, new[] { 0, 5, 11, 12, 20 }, new[] { true, true, true, true, false })]
    [InlineData(-1, 10, new[] { 0, 1, 11 }, new[] { true, false, true })]
    public void Requests_are_allowed_by_the_limit_and_window(int limit, int windowSeconds, int[] at, bool[] expected)
    {
        var statistics = new RestartStatistics();
        TimeSpan? window = windowSeconds < 0 ? null : TimeSpan.FromSeconds(windowSeconds);

        var answers = at.Select(t => statistics.RequestRestartPermission(limit, window, TimeSpan.FromSeconds(t))).ToArray();

        answers.Should().Equal(expected);
    }
}
