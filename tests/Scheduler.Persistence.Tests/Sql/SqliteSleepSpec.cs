using Scheduler.Persistence.Sql;

namespace Scheduler.Persistence.Tests.Sql;

/// <summary>SQLite's own sleeps keep to the requested time once a SQLite journal has been set up in the process.</summary>
public sealed class SqliteSleepSpec
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(39, 1)]
    [InlineData(1_000, 1)]
    [InlineData(1_001, 2)]
    [InlineData(1_521, 2)]
    [InlineData(1_000_000, 1_000)]
    [InlineData(-5, 1)]
    public void A_sleep_takes_its_microseconds_rounded_up_to_whole_milliseconds(int microseconds, int milliseconds) =>
        SqliteSleep.Milliseconds(microseconds).Should().Be(milliseconds);

    [Fact]
    public void A_millisecond_asked_of_sqlite_is_a_millisecond_not_a_second()
    {
        _ = new SqliteDialect("Data Source=:memory:");

        // sqlite3_sleep reports what the file system's sleep took: 1,000 ms where sleep() rounds up to whole seconds.
        SqliteSleep.SleepThroughSqlite(1).Should().Be(1);
    }
}
