using System.Globalization;
using Scheduler.Engine.Schedules.Cron;

namespace Scheduler.Engine.Tests.Schedules.Cron;

public sealed class CronExpressionSpec
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Theory]
    [InlineData("* * * * *", "2026-11-21T10:15:30Z", "2026-11-21T10:16:00Z")]
    [InlineData("*/15 * * * *", "2026-11-21T10:15:00Z", "2026-11-21T10:30:00Z")]
    [InlineData("5/20 * * * *", "2026-11-21T10:46:00Z", "2026-11-21T11:05:00Z")]
    [InlineData("0 9 * * MON-FRI", "2026-11-21T10:00:00Z", "2026-11-23T09:00:00Z")]
    [InlineData("0 0 1 * *", "2026-11-21T00:00:00Z", "2026-12-01T00:00:00Z")]
    [InlineData("0 0 31 * *", "2026-11-21T00:00:00Z", "2026-12-31T00:00:00Z")]
    [InlineData("0 0 29 2 *", "2026-11-21T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("30 2 * jan,JUL sun", "2026-11-21T00:00:00Z", "2027-01-03T02:30:00Z")]
    [InlineData("0 0 13 * 5", "2026-11-21T00:00:00Z", "2026-11-27T00:00:00Z")]
    [InlineData("0 0 * * 7", "2026-11-21T00:00:00Z", "2026-11-22T00:00:00Z")]
    [InlineData("0 12 ? * 1", "2026-11-21T00:00:00Z", "2026-11-23T12:00:00Z")]
    [InlineData("*/10 * * * * *", "2026-11-21T10:15:31Z", "2026-11-21T10:15:40Z")]
    [InlineData("30 0 12 * * *", "2026-11-21T12:00:30Z", "2026-11-22T12:00:30Z")]
    [InlineData("0 23 31 12 *", "2026-12-31T23:00:00Z", "2027-12-31T23:00:00Z")]
    [InlineData("@hourly", "2026-11-21T10:15:00Z", "2026-11-21T11:00:00Z")]
    [InlineData("@daily", "2026-11-21T10:15:00Z", "2026-11-22T00:00:00Z")]
    [InlineData("@weekly", "2026-11-21T10:15:00Z", "2026-11-22T00:00:00Z")]
    [InlineData("@yearly", "2026-11-21T10:15:00Z", "2027-01-01T00:00:00Z")]
    public void Next_occurrences_in_utc(string expression, string after, string expected) =>
        CronExpression.Parse(expression).Next(At(after), TimeZoneInfo.Utc).Should().Be(At(expected));

    [Theory]
    // Spring forward in Berlin: 02:00 becomes 03:00 on 2026-03-29; a 02:30 job fires at 03:00 local (01:00Z), once.
    [InlineData("30 2 * * *", "2026-03-28T12:00:00Z", "2026-03-29T01:00:00Z")]
    [InlineData("30 2 * * *", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z")]
    [InlineData("*/20 2 * * *", "2026-03-29T00:50:00Z", "2026-03-29T01:00:00Z")]
    [InlineData("*/20 2 * * *", "2026-03-29T01:00:00Z", "2026-03-30T00:00:00Z")]
    // Fall back on 2026-10-25: 03:00 becomes 02:00; a 02:30 job fires once, at the first pass (00:30Z).
    [InlineData("30 2 * * *", "2026-10-24T12:00:00Z", "2026-10-25T00:30:00Z")]
    [InlineData("30 2 * * *", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z")]
    // An hourly-or-finer job fires in both passes.
    [InlineData("30 * * * *", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z")]
    [InlineData("30 * * * *", "2026-10-25T01:30:00Z", "2026-10-25T02:30:00Z")]
    [InlineData("0 9 * * *", "2026-11-21T07:00:00Z", "2026-11-21T08:00:00Z")]
    [InlineData("0 9 * * *", "2026-07-01T06:00:00Z", "2026-07-01T07:00:00Z")]
    public void Next_occurrences_in_berlin_across_daylight_saving(string expression, string after, string expected) =>
        CronExpression.Parse(expression).Next(At(after), Berlin).Should().Be(At(expected));

    [Fact]
    public void Occurrences_keep_local_time_across_a_change_in_new_york()
    {
        var cron = CronExpression.Parse("0 8 * * *");

        var times = cron.Between(At("2026-10-30T00:00:00Z"), At("2026-11-03T00:00:00Z"), NewYork, 10);

        times.Select(t => t.UtcDateTime.Hour).Should().Equal(12, 12, 13, 13);
        times.Select(t => TimeZoneInfo.ConvertTime(t, NewYork).Hour).Should().AllBeEquivalentTo(8);
    }

    [Fact]
    public void An_expression_that_never_matches_has_no_next_occurrence() =>
        CronExpression.Parse("0 0 30 2 *").Next(At("2026-01-01T00:00:00Z"), TimeZoneInfo.Utc).Should().BeNull();

    [Theory]
    [InlineData("* * * *", "has 4 fields")]
    [InlineData("* * * * * * *", "has 7 fields")]
    [InlineData("60 * * * *", "minute field, item '60': 60 is out of range 0-59")]
    [InlineData("* 24 * * *", "hour field, item '24': 24 is out of range 0-23")]
    [InlineData("* * 0 * *", "day-of-month field, item '0': 0 is out of range 1-31")]
    [InlineData("* * * 13 *", "month field, item '13'")]
    [InlineData("* * * FOO *", "'FOO' is not a number or a name")]
    [InlineData("* * * * 8", "day-of-week field, item '8'")]
    [InlineData("*/0 * * * *", "the step must be between 1 and 59")]
    [InlineData("5-1 * * * *", "the range runs backwards")]
    [InlineData("1,,2 * * * *", "an item of the list is empty")]
    [InlineData("? * * * *", "'?' is allowed only for day of month and day of week")]
    [InlineData("a * * * *", "'a' is not a number")]
    public void A_bad_expression_is_refused_naming_what_is_wrong(string expression, string message)
    {
        CronExpression.TryParse(expression, out var cron, out var error).Should().BeFalse();

        cron.Should().BeNull();
        error.Should().Contain(message).And.Contain(expression);
    }

    [Fact]
    public void Occurrences_of_random_expressions_match_their_fields_and_grow()
    {
        var random = new Random(11);
        for (var i = 0; i < 300; i++)
        {
            var minute = random.Next(60);
            var hour = random.Next(24);
            var cron = CronExpression.Parse($"{minute} {hour}/{1 + random.Next(6)} * * *");
            var cursor = At("2026-01-01T00:00:00Z").AddMinutes(random.Next(500_000));
            for (var n = 0; n < 5; n++)
            {
                var next = cron.Next(cursor, Berlin)!.Value;
                next.Should().BeAfter(cursor);
                var local = TimeZoneInfo.ConvertTime(next, Berlin);
                if (!Berlin.IsAmbiguousTime(local.DateTime) && !Berlin.IsInvalidTime(local.DateTime.AddMinutes(-1)))
                {
                    local.Minute.Should().Be(minute, cron.Text);
                }

                cursor = next;
            }
        }
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
