using Scheduler.Actors;
using Scheduler.Persistence.Sql;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Persistence.Tests.Sql;

public sealed class SqlPersistenceOptionsSpec(ITestOutputHelper output)
{
    private SqlPersistenceOptions Read(string hocon)
    {
        using var kit = new Kit(output, hocon);
        return SqlPersistenceOptions.FromConfiguration(kit.Sys.Configuration);
    }

    [Fact]
    public void The_defaults_come_from_reference_conf()
    {
        var options = Read(string.Empty);

        options.Database.Should().Be(SqlDatabase.Sqlite);
        options.AutoInitialize.Should().BeFalse();
        options.BatchSize.Should().Be(500);
        options.Parallelism.Should().BeNull();
        options.EffectiveParallelism.Should().Be(1);
        (options with { Database = SqlDatabase.Postgres }).EffectiveParallelism.Should().Be(2);
        options.QueueCapacity.Should().Be(10_000);
        options.CircuitBreakerMaxFailures.Should().Be(5);
        options.CircuitBreakerResetTimeout.Should().Be(TimeSpan.FromSeconds(10));
        options.QueryRefreshInterval.Should().Be(TimeSpan.FromSeconds(1));
        options.QueryPageSize.Should().Be(500);
    }

    [Fact]
    public void Every_setting_can_be_overridden()
    {
        var options = Read("""
            scheduler.persistence.sql {
              database = postgres, connection-string = "Host=db", auto-initialize = on, batch-size = 50, parallelism = 2
              queue-capacity = 7, circuit-breaker { max-failures = 3, reset-timeout = 2s }, query { refresh-interval = 250ms, page-size = 9 }
            }
            """);

        options.Should().BeEquivalentTo(new SqlPersistenceOptions
        {
            Database = SqlDatabase.Postgres, ConnectionString = "Host=db", AutoInitialize = true, BatchSize = 50, Parallelism = 2,
            QueueCapacity = 7, CircuitBreakerMaxFailures = 3, CircuitBreakerResetTimeout = TimeSpan.FromSeconds(2),
            QueryRefreshInterval = TimeSpan.FromMilliseconds(250), QueryPageSize = 9,
        });
    }

    [Theory]
    [InlineData("database = oracle", "scheduler.persistence.sql.database")]
    [InlineData("connection-string = \"  \"", "scheduler.persistence.sql.connection-string")]
    [InlineData("auto-initialize = maybe", "scheduler.persistence.sql.auto-initialize")]
    [InlineData("batch-size = lots", "scheduler.persistence.sql.batch-size")]
    [InlineData("parallelism = 0", "scheduler.persistence.sql.parallelism")]
    [InlineData("query.page-size = -1", "scheduler.persistence.sql.query.page-size")]
    [InlineData("circuit-breaker.max-failures = 0", "scheduler.persistence.sql.circuit-breaker.max-failures")]
    public void A_bad_value_is_an_error_naming_its_key(string setting, string key)
    {
        var read = () => Read("scheduler.persistence.sql." + setting);

        read.Should().Throw<ConfigurationException>().WithMessage($"*'{key}'*");
    }

    private sealed class Kit(ITestOutputHelper output, string hocon) : TestKit.TestKit(output, new TestKitOptions { Hocon = hocon });
}
