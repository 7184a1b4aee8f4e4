using Npgsql;
using Scheduler.Persistence.Sql;

namespace Scheduler.Persistence.Tests.Sql;

/// <summary>The Npgsql settings the journal turns on, and a user's connection string that sets them itself.</summary>
public sealed class PostgresConnectionSettingsSpec
{
    private static NpgsqlConnectionStringBuilder Tuned(string connectionString) => new(PostgresDialect.Tuned(connectionString));

    [Fact]
    public void Statements_are_prepared_automatically_and_pooled_connections_are_not_reset_unless_the_string_says_otherwise()
    {
        var tuned = Tuned("Host=db;Username=app");

        tuned.MaxAutoPrepare.Should().Be(64);
        tuned.AutoPrepareMinUsages.Should().Be(2);
        tuned.NoResetOnClose.Should().BeTrue();
        tuned.Host.Should().Be("db");
        tuned.Username.Should().Be("app");
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0, 5, true)]
    [InlineData("Host=db;MaxAutoPrepare=10;Auto Prepare Min Usages=7", 10, 7, true)]
    [InlineData("Host=db;No Reset On Close=false", 64, 2, false)]
    [InlineData("Host=db;Auto Prepare Min Usages=9", 64, 9, true)]
    public void Settings_the_connection_string_gives_are_kept(string connectionString, int maxAutoPrepare, int minUsages, bool noReset)
    {
        var tuned = Tuned(connectionString);

        tuned.MaxAutoPrepare.Should().Be(maxAutoPrepare);
        tuned.AutoPrepareMinUsages.Should().Be(minUsages);
        tuned.NoResetOnClose.Should().Be(noReset);
    }
}
