using Microsoft.Data.Sqlite;
using Scheduler.Persistence.Sql;

namespace Scheduler.Persistence.Tests.Sql;

/// <summary>
/// How a SQLite connection waits for another's write lock: the schedule as a table, and real connections on a real
/// file, one holding the lock while the other waits, then gets it or gives up.
/// </summary>
public sealed class SqliteBusyHandlerSpec : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scheduler-sqlite-busy-").FullName;

    [Theory]
    [InlineData(0, 1, 0)]
    [InlineData(1, 2, 1)]
    [InlineData(4, 5, 10)]
    [InlineData(9, 10, 45)]
    [InlineData(10, 10, 55)]
    [InlineData(11, 10, 65)]
    [InlineData(500, 10, 4955)]
    public void Each_wait_is_a_millisecond_longer_up_to_ten(int count, int delay, long waited)
    {
        SqliteBusyHandler.Delay(count).Should().Be(delay);
        SqliteBusyHandler.Waited(count).Should().Be(waited);
    }

    [Theory]
    [InlineData(5000, 0, true)]
    [InlineData(5000, 503, true)]
    [InlineData(5000, 504, false)]
    [InlineData(0, 0, false)]
    [InlineData(1, 0, true)]
    [InlineData(1, 1, false)]
    public void Waiting_stops_where_the_next_wait_would_pass_the_budget(long budget, int count, bool again)
    {
        SqliteBusyHandler.WaitsAgain(budget, count).Should().Be(again);
        if (again)
        {
            (SqliteBusyHandler.Waited(count) + SqliteBusyHandler.Delay(count)).Should().BeLessThanOrEqualTo(budget);
        }
    }

    [Fact]
    public async Task A_writer_that_finds_the_lock_taken_waits_for_it_and_then_writes()
    {
        await using var holder = await OpenAsync(TimeSpan.FromSeconds(30));
        await using var waiter = await OpenAsync(TimeSpan.FromSeconds(30), commandTimeoutSeconds: 1);
        await using var transaction = await holder.BeginTransactionAsync();
        await ExecuteAsync(holder, "INSERT INTO t VALUES (1)", transaction);

        // The waiter's insert blocks its thread inside SQLite, in the handler, until the holder commits. Its command
        // timeout of 1 s would have ended a wait in Microsoft.Data.Sqlite's own retries; the handler's is 30 s.
        var before = SqliteBusyHandler.Waits;
        var write = Task.Run(() => ExecuteAsync(waiter, "INSERT INTO t VALUES (2)"));
        SpinWait.SpinUntil(() => SqliteBusyHandler.Waits > before + 1, TimeSpan.FromSeconds(30)).Should().BeTrue("the waiter waits in the handler");
        write.IsCompleted.Should().BeFalse("the holder still has the write lock");
        await transaction.CommitAsync();
        await write;

        (await CountAsync(holder)).Should().Be(2);
    }

    [Fact]
    public async Task A_writer_gives_up_with_SQLITE_BUSY_once_its_budget_is_spent_and_writes_nothing()
    {
        await using var holder = await OpenAsync(TimeSpan.FromSeconds(30));
        // Microsoft.Data.Sqlite tries a busy statement again until its command timeout (here 1 s) has passed.
        await using var waiter = await OpenAsync(TimeSpan.FromMilliseconds(50), commandTimeoutSeconds: 1);
        await using var transaction = await holder.BeginTransactionAsync();
        await ExecuteAsync(holder, "INSERT INTO t VALUES (1)", transaction);

        var before = SqliteBusyHandler.Waits;
        var write = () => ExecuteAsync(waiter, "INSERT INTO t VALUES (2)");

        (await write.Should().ThrowAsync<SqliteException>()).Which.SqliteErrorCode.Should().Be(5); // SQLITE_BUSY
        SqliteBusyHandler.Waits.Should().BeGreaterThan(before, "the waiter waited in the handler before it gave up");
        await transaction.RollbackAsync();
        (await CountAsync(holder)).Should().Be(0);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<SqliteConnection> OpenAsync(TimeSpan budget, int commandTimeoutSeconds = 60)
    {
        // No pooling: each connection is its own, and the busy handler installed here is the one that runs.
        var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "busy.db")};Pooling=False;Default Timeout={commandTimeoutSeconds}");
        await connection.OpenAsync();
        SqliteBusyHandler.Install(connection, budget);
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL");
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS t (x INTEGER)");
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, System.Data.Common.DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = (SqliteTransaction?)transaction;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM t";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
