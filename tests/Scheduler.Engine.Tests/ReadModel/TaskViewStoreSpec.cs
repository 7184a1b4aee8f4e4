using System.Text.Json;
using Scheduler.Actors.Serialization;
using Scheduler.Engine.Model;
using Scheduler.Engine.ReadModel;
using Scheduler.Engine.Tasks;
using Scheduler.Persistence.Sql;
using Scheduler.Testing.Postgres;

namespace Scheduler.Engine.Tests.ReadModel;

/// <summary>
/// <see cref="TaskViewStore.Write"/> on each database: rows written together (on PostgreSQL one statement of arrays,
/// on SQLite one statement per row) read back as the tasks' views, nulls and all, and a second write of the same tasks
/// updates their rows.
/// </summary>
public abstract class TaskViewStoreSpec : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private SqlJournal _journal = null!;
    private TaskViewStore _store = null!;

    protected abstract SqlDatabase Database { get; }

    protected abstract Task<string> ConnectionStringAsync();

    public async Task InitializeAsync()
    {
        var options = new SqlPersistenceOptions { Database = Database, ConnectionString = await ConnectionStringAsync(), AutoInitialize = true };
        (_journal, _) = await SqlPersistence.OpenAsync(options, new SerializationRegistry(), TimeProvider.System);
        _store = new TaskViewStore(_journal);
        await _store.EnsureAsync(CancellationToken.None);
    }

    public virtual async Task DisposeAsync() => await _journal.DisposeAsync();

    [Fact]
    public async Task Rows_written_together_read_back_as_the_tasks_views()
    {
        TaskRecord[] tasks = [Bare("bare"), Full("full"), Bare("third") with { State = TaskState.Failed, LastError = new TaskError("io", "disk full") }];

        await WriteAsync(tasks.Select(task => (task, true)).ToArray());

        await ShouldReadAsync(tasks);
    }

    [Fact]
    public async Task A_second_write_of_the_same_tasks_updates_their_rows_and_labels()
    {
        var first = new[] { Full("one"), Full("two") };
        await WriteAsync(first.Select(task => (task, true)).ToArray());

        var second = new[]
        {
            first[0] with
            {
                State = TaskState.Succeeded, Attempt = 2, UpdatedAt = Start.AddSeconds(9), FinishedAt = Start.AddSeconds(9),
                Spec = first[0].Spec with { Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["team"] = "search" } },
            },
            first[1] with { PauseRequested = false, LastError = null, Result = null },
        };
        await WriteAsync([(second[0], true), (second[1], false)]);

        await ShouldReadAsync(second);
        (await _store.ListAsync(new TaskQuery { Label = new("team", "search") }, CancellationToken.None)).Tasks.Select(t => t.Id).Should().Equal("one");
        (await _store.ListAsync(new TaskQuery { Label = new("team", "billing") }, CancellationToken.None)).Tasks.Select(t => t.Id).Should().Equal("two");
    }

    [Fact]
    public async Task A_single_row_is_written_too()
    {
        var task = Full("alone");

        await WriteAsync([(task, true)]);

        await ShouldReadAsync([task]);
    }

    private async Task WriteAsync((TaskRecord, bool)[] tasks)
    {
        await using var connection = await _journal.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var batch = new SqlStatementBatch(connection, transaction);
        TaskViewStore.Write(batch, Database, tasks);
        await batch.ExecuteAsync();
        await transaction.CommitAsync();
    }

    private async Task ShouldReadAsync(TaskRecord[] tasks)
    {
        var page = await _store.ListAsync(new TaskQuery { Limit = 100 }, CancellationToken.None);
        page.Tasks.Should().HaveCount(tasks.Length);
        foreach (var task in tasks)
        {
            var expected = TaskView.Of(task);
            var row = page.Tasks.Single(view => view.Id == task.Id);
            row.Should().BeEquivalentTo(expected, options => options.Excluding(view => view.Result));
            row.Result?.GetRawText().Should().Be(expected.Result?.GetRawText());
            (row.Result is null).Should().Be(expected.Result is null);
        }
    }

    // Every optional column empty.
    private static TaskRecord Bare(string id) => new()
    {
        Id = id,
        Spec = new TaskSpec { Id = id, Type = "noop" },
        State = TaskState.Ready,
        DueAt = Start,
        SubmittedAt = Start,
        UpdatedAt = Start,
    };

    // Every optional column set.
    private static TaskRecord Full(string id) => new()
    {
        Id = id,
        Spec = new TaskSpec
        {
            Id = id,
            Type = "shell",
            Priority = 7,
            ParentId = "parent-" + id,
            Occurrence = new ScheduleOccurrence("nightly", Start.AddHours(-1)),
            Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["team"] = "billing", ["tier"] = "gold" },
        },
        State = TaskState.Running,
        DueAt = Start.AddSeconds(1),
        SubmittedAt = Start,
        UpdatedAt = Start.AddSeconds(3),
        Attempt = 3,
        Failures = 2,
        LastNode = "scheduler@10.0.0.7:2552",
        LastWorker = "scheduler@10.0.0.7:2552/system/scheduler-worker",
        StartedAt = Start.AddSeconds(2),
        FinishedAt = Start.AddSeconds(3),
        PauseRequested = true,
        LastError = new TaskError("timeout", "no heartbeat for 30s"),
        Result = JsonDocument.Parse("""{"rows":12,"note":"ok"}""").RootElement.Clone(),
    };
}

public sealed class SqliteTaskViewStoreSpec : TaskViewStoreSpec
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scheduler-task-view-").FullName;

    protected override SqlDatabase Database => SqlDatabase.Sqlite;

    protected override Task<string> ConnectionStringAsync() => Task.FromResult($"Data Source={Path.Combine(_folder, "journal.db")}");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

public sealed class PostgresTaskViewStoreSpec(PostgresTaskViewStoreSpec.Server server) : TaskViewStoreSpec, IClassFixture<PostgresTaskViewStoreSpec.Server>
{
    private string? _database;

    protected override SqlDatabase Database => SqlDatabase.Postgres;

    protected override async Task<string> ConnectionStringAsync() => _database = await server.Postgres.CreateDatabaseAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await server.Postgres.DropDatabaseAsync(_database);
        }
    }

    /// <summary>One private server for the class; each test makes its own database on it.</summary>
    public sealed class Server : IAsyncLifetime
    {
        private PrivatePostgres? _postgres;

        public PrivatePostgres Postgres => _postgres ?? throw new InvalidOperationException("The server has not started.");

        public async Task InitializeAsync() => _postgres = await PrivatePostgres.StartAsync("SCHEDULER_TEST_POSTGRES");

        public async Task DisposeAsync()
        {
            if (_postgres is not null)
            {
                await _postgres.DisposeAsync();
            }
        }
    }
}
