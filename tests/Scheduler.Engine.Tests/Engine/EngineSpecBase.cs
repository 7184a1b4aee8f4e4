using Scheduler.Actors;
using Scheduler.Cluster.Members;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;
using Scheduler.Persistence.Sql;
using Scheduler.Remote;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>
/// A one-member cluster with the worker role, a SQLite journal in a temporary folder and fast timings, running the
/// engine: tasks go the whole way (entity, dispatcher, worker, executor) on real actors and a real journal.
/// </summary>
public abstract class EngineSpecBase : TestKit.TestKit, IAsyncLifetime
{
    public const string FastTimings = """
        scheduler.remote.port = 0
        scheduler.cluster {
          roles = [worker]
          seed-node-timeout = 1s
          gossip-interval = 200ms
          leader-actions-interval = 200ms
          failure-detector.heartbeat-interval = 200ms
          sharding.retry-interval = 200ms
        }
        scheduler.engine {
          resend-interval = 300ms
          passivate-finished-after = 2s
          worker.slots = 4
          worker.drain-timeout = 2s
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("scheduler-engine-").FullName;

    protected EngineSpecBase(ITestOutputHelper output, string? hocon = null)
        : base(output, new TestKitOptions
        {
            Hocon = FastTimings + "\n" + (hocon ?? string.Empty),
            Setup = static setup => setup.WithRemoting(),
        })
    {
    }

    protected SchedulerEngine Engine { get; private set; } = null!;

    /// <summary>A temporary folder for this test (the journal lives there too), deleted when the test ends.</summary>
    protected string Folder => _folder;

    protected TaskClient Client => Engine.Client;

    protected virtual ExecutorRegistry Executors => new();

    public async Task InitializeAsync()
    {
        await SqlPersistence.InitAsync(Sys, new SqlPersistenceOptions
        {
            Database = SqlDatabase.Sqlite,
            ConnectionString = $"Data Source={Path.Combine(_folder, "journal.db")}",
            AutoInitialize = true,
        });
        var cluster = Cluster.Cluster.Get(Sys);
        cluster.Join(cluster.SelfAddress);
        AwaitCondition(() => cluster.SelfMember?.Status == MemberStatus.Up, TimeSpan.FromSeconds(10));
        Engine = SchedulerEngine.Start(Sys, Executors);
    }

    public async Task DisposeAsync()
    {
        await Sys.Terminate();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    protected static TaskSpec Noop(string id) => new() { Id = id, Type = "noop" };

    protected async Task<TaskView> SubmitAsync(TaskSpec spec)
    {
        var reply = await Client.SubmitAsync(spec);
        return reply.Should().BeOfType<TaskReply.Accepted>().Subject.Task;
    }

    protected async Task<TaskView> GetAsync(string id)
    {
        var reply = await Client.GetAsync(id);
        return reply.Should().BeOfType<TaskReply.Accepted>().Subject.Task;
    }

    /// <summary>
    /// The manifests of the events stored for <paramref name="persistenceId"/>, in order, read straight from the
    /// journal's file: this works after the actor system has gone, say at the end of a coordinated shutdown.
    /// </summary>
    protected IReadOnlyList<string> StoredEvents(string persistenceId)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_folder, "journal.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT manifest FROM journal WHERE persistence_id = $id ORDER BY sequence_nr";
        command.Parameters.AddWithValue("$id", persistenceId);
        using var reader = command.ExecuteReader();
        var manifests = new List<string>();
        while (reader.Read())
        {
            manifests.Add(reader.GetString(0));
        }

        return manifests;
    }

    /// <summary>Waits until the task is in <paramref name="state"/> and returns it.</summary>
    protected TaskView AwaitState(string id, TaskState state, TimeSpan? within = null)
    {
        TaskView? view = null;
        AwaitAssert(() =>
        {
            view = GetAsync(id).GetAwaiter().GetResult();
            view.State.Should().Be(state);
        }, within ?? TimeSpan.FromSeconds(15));
        return view!;
    }
}
