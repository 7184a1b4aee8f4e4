using Scheduler.Engine.Dispatch;
using Scheduler.Engine.Tasks;
using Scheduler.Persistence.Sql;
using Scheduler.Remote;
using Scheduler.TestKit;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>
/// A timer that fires while a task entity holds a decision for its dispatcher's answer must not act after the
/// decision's write: a new entity arms its passivation (it has no task yet), and a submit that holds past that time
/// must not see the task passivated once it is stored ready (nothing would ever run it). The clock is fake, the
/// journal real (SQLite in a temporary folder).
/// </summary>
public sealed class HeldTickSpec(ITestOutputHelper output) : TestKit.TestKit(output, new TestKitOptions
{
    Hocon = "scheduler.remote.port = 0",
    Setup = static setup => setup.WithRemoting(),
    UseFakeTime = true,
}), IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly string _folder = Directory.CreateTempSubdirectory("scheduler-held-tick-").FullName;

    public Task InitializeAsync()
    {
        SchedulerEngine.Register(Sys);
        return SqlPersistence.InitAsync(Sys, new SqlPersistenceOptions
        {
            Database = SqlDatabase.Sqlite,
            ConnectionString = $"Data Source={Path.Combine(_folder, "journal.db")}",
            AutoInitialize = true,
        });
    }

    public async Task DisposeAsync()
    {
        await Sys.Terminate();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_passivation_that_fell_due_while_a_submit_was_held_does_not_passivate_the_stored_task()
    {
        var idle = TimeSpan.FromMilliseconds(100);
        var entity = StandInShard.Start(this, "held-1", EngineSettings.Create(Sys) with { PassivateFinishedAfter = idle });

        // A get first: its answer shows the entity recovered, with its passivation armed (there is no task).
        entity.Tell(new TaskCommand.Get("held-1"), TestActor);
        ExpectMsg<TaskReply.NotFound>(Wait);
        entity.Tell(new TaskCommand.Submit(new Scheduler.Engine.Model.TaskSpec { Id = "held-1", Type = "noop" }), TestActor);
        entity.Dispatcher.ExpectMsg<DispatcherProtocol.Enqueue>(Wait);

        // Held now: the passivation falls due and its tick reaches the entity ahead of the answer.
        FakeTime!.Advance(idle * 2);
        entity.Dispatcher.Reply(new TaskInput.Queued("held-1"));
        ExpectMsg<TaskReply.Accepted>(Wait).Task.State.Should().Be(TaskState.Ready);

        // Anything the entity sent its shard before it answered this get, the stand-in has passed on by then.
        entity.Tell(new TaskCommand.Get("held-1"), TestActor);
        ExpectMsg<TaskReply.Accepted>(Wait);
        entity.Tell(new TaskCommand.Get("held-1"), TestActor);
        ExpectMsg<TaskReply.Accepted>(Wait);
        entity.ShardSees.ExpectNoMsg(TimeSpan.Zero);
    }
}
