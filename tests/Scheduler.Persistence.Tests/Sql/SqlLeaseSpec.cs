using Scheduler.Actors;
using Scheduler.Actors.Coordination;
using Scheduler.Persistence.Sql;
using Scheduler.TestKit;

namespace Scheduler.Persistence.Tests.Sql;

/// <summary>
/// The SQL lease against a real database. Each owner runs in its own actor system with its own fake clock, as
/// owners on different nodes would: one can stop renewing (frozen) while the other's time moves on.
/// </summary>
public abstract class SqlLeaseSpec : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(12);
    private readonly List<ActorSystem> _systems = [];

    protected abstract SqlPersistenceOptions Options();

    /// <summary>Runs one statement against the spec's database, beside the lease.</summary>
    protected abstract Task ExecuteAsync(string sql);

    public abstract Task InitializeAsync();

    public virtual async Task DisposeAsync()
    {
        foreach (var system in _systems)
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task Only_one_owner_holds_the_lease_at_a_time()
    {
        var (a, _) = await LeaseAsync("a");
        var (b, _) = await LeaseAsync("b");

        (await a.AcquireAsync()).Should().BeTrue();
        a.CheckLease().Should().BeTrue();
        (await b.AcquireAsync()).Should().BeFalse();
        b.CheckLease().Should().BeFalse();
        (await a.AcquireAsync()).Should().BeTrue("taking a lease one already holds succeeds");
    }

    [Fact]
    public async Task A_released_lease_is_free_for_another_owner_and_only_the_holder_can_release_it()
    {
        var (a, _) = await LeaseAsync("a");
        var (b, _) = await LeaseAsync("b");
        (await a.AcquireAsync()).Should().BeTrue();

        (await b.ReleaseAsync()).Should().BeFalse();
        (await b.AcquireAsync()).Should().BeFalse("b's release changed nothing");
        (await a.ReleaseAsync()).Should().BeTrue();
        a.CheckLease().Should().BeFalse();

        (await b.AcquireAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task A_lease_its_holder_stopped_renewing_expires_and_the_holder_learns_it_lost_it()
    {
        var (a, clockA) = await LeaseAsync("a");
        var (b, clockB) = await LeaseAsync("b");
        var lost = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        (await a.AcquireAsync(error => lost.TrySetResult(error))).Should().BeTrue();

        // a's process is frozen: its clock stands still, b's runs past the timeout.
        clockB.Advance(Timeout + TimeSpan.FromSeconds(1));
        (await b.AcquireAsync()).Should().BeTrue();

        clockA.Advance(Interval);
        await a.Renewal;
        (await lost.Task.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeNull("the store answered: another owner holds the lease");
        a.CheckLease().Should().BeFalse();
        (await a.AcquireAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task A_held_lease_is_renewed_every_heartbeat_interval_and_outlives_its_first_timeout()
    {
        var (a, clockA) = await LeaseAsync("a");
        var (b, clockB) = await LeaseAsync("b");
        (await a.AcquireAsync()).Should().BeTrue();

        for (var passed = TimeSpan.Zero; passed < Timeout; passed += Interval)
        {
            clockA.Advance(Interval);
            await a.Renewal;
        }

        clockB.Advance(Timeout + Interval);
        (await b.AcquireAsync()).Should().BeFalse("a renewed the lease until a timeout from its last renewal");
        a.CheckLease().Should().BeTrue();
    }

    [Fact]
    public async Task A_holder_that_cannot_renew_trusts_the_lease_until_a_skew_allowance_before_it_expires_and_then_learns_it_lost_it()
    {
        var (a, clockA) = await LeaseAsync("a");
        var lost = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        (await a.AcquireAsync(error => lost.TrySetResult(error))).Should().BeTrue();
        a.ClockSkewAllowance.Should().Be(Timeout / 10);

        // The store breaks under the holder: every renewal fails from now on.
        await ExecuteAsync("ALTER TABLE lease RENAME TO lease_gone");
        var trusted = Timeout - a.ClockSkewAllowance;
        for (var passed = Interval; passed < trusted; passed += Interval)
        {
            clockA.Advance(Interval);
            await a.Renewal;
            a.CheckLease().Should().BeTrue($"{passed} is before the row's expiry less the allowance");
            lost.Task.IsCompleted.Should().BeFalse();
        }

        clockA.Advance(Interval);
        await a.Renewal;
        a.CheckLease().Should().BeFalse("another owner's clock may be ahead by the allowance");
        (await lost.Task.WaitAsync(TimeSpan.FromSeconds(10))).Should().NotBeNull("the holder hears why it lost the lease");
    }

    private async Task<(SqlLease Lease, FakeTimeProvider Clock)> LeaseAsync(string owner)
    {
        var clock = new FakeTimeProvider();
        var system = ActorSystem.Create("lease-" + owner, new ActorSystemSetup { TimeProvider = clock });
        _systems.Add(system);
        await SqlLease.RegisterAsync(system, Options());
        var lease = (SqlLease)LeaseProvider.Get(system).GetLease("resolver", SqlLease.Implementation, owner);
        lease.Settings.HeartbeatTimeout.Should().Be(Timeout);
        lease.Settings.HeartbeatInterval.Should().Be(Interval);
        return (lease, clock);
    }
}

public sealed class SqliteLeaseSpec : SqlLeaseSpec
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scheduler-lease-").FullName;

    protected override SqlPersistenceOptions Options() => new()
    {
        Database = SqlDatabase.Sqlite,
        ConnectionString = $"Data Source={Path.Combine(_folder, "scheduler.db")}",
        AutoInitialize = true,
    };

    public override Task InitializeAsync() => Task.CompletedTask;

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(Options().ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresLeaseSpec(PostgresServer server) : SqlLeaseSpec
{
    private string _connectionString = string.Empty;

    protected override SqlPersistenceOptions Options() =>
        new() { Database = SqlDatabase.Postgres, ConnectionString = _connectionString, AutoInitialize = true };

    public override async Task InitializeAsync() => _connectionString = await server.CreateDatabaseAsync();

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await server.DropDatabaseAsync(_connectionString);
    }
}
