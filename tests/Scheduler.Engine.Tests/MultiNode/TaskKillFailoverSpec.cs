using Scheduler.Engine.Tests.MultiNode.Witness;
using Scheduler.TestKit.MultiNode;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.MultiNode;

/// <summary>
/// Three workers and a client without the worker role. The client submits witnessed tasks; while some of them run
/// on the third worker, it is killed with SIGKILL. The survivors down and remove it, and after the removal margin
/// its attempts run again elsewhere and the task entities it hosted restart on the survivors. Every task succeeds,
/// and the witness shows no task lost, no two attempts of a task at the same time, and nothing run that should not.
/// Schedules firing every second run through it too, two of them hosted by the killed worker: those restart on the
/// survivors and every occurrence from creation to pause creates exactly one task, none missed, none twice.
/// </summary>
public sealed class TaskKillFailoverSpec : EngineMultiNodeSpec
{
    public const int Tasks = 60;

    public TaskKillFailoverSpec()
        : base(["first", "second", "third"], "client")
    {
    }

    public override async Task RunAsync(MultiNodeTestKit node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var (engine, witness, database) = await StartAsync(node);
        await using var _ = database;
        var client = Client!;
        var victim = Workers[2];

        IReadOnlyList<string> ids = [];
        var schedules = new FaultSchedules([], []);
        var killedAt = DateTimeOffset.MinValue;
        await node.RunOnAsync(
            async () =>
            {
                schedules = await CreateSchedulesAsync(node, engine, victim);
                ids = await SubmitAsync(engine.Client, Tasks);
                killedAt = await KillWhileLongTasksRunAsync(node, witness, ids, victim);
            },
            client);
        await node.EnterBarrierAsync("killed");

        node.RunOn(() => JudgeKill(node, engine.Client, witness, ids, schedules, killedAt), client);
        await node.EnterBarrierAsync("judged");
    }
}

public sealed class TaskKillFailoverTests(ITestOutputHelper output) : PostgresMultiNodeTests<TaskKillFailoverSpec>(output, "engine_kill")
{
    [Fact]
    public Task A_killed_workers_attempts_run_again_on_the_survivors_none_lost_none_overlapping() => RunSpecAsync();
}
