using Scheduler.Cluster.Members;
using Scheduler.Engine.Tests.MultiNode.Witness;
using Scheduler.TestKit.MultiNode;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.MultiNode;

/// <summary>
/// Three workers; the first submits witnessed tasks, and while some run on the third, the network between the third
/// and the other two is cut (a 2|1 partition under keep-majority). The third downs itself and stops its attempts at
/// once; the two others down and remove it and, only after the removal margin, run its attempts again and restart
/// the task entities it hosted. The cut-off node is alive the whole time, so this is where an attempt would overlap
/// its successor if the engine reassigned work on unreachability or too early: the witness shows none did. Two of
/// the schedules firing every second live on the cut-off node; they move to the majority and every occurrence
/// creates exactly one task.
/// </summary>
public sealed class TaskPartitionFailoverSpec : EngineMultiNodeSpec
{
    public const int Tasks = 60;

    public TaskPartitionFailoverSpec()
        : base(["first", "second", "third"], client: null)
    {
    }

    public override async Task RunAsync(MultiNodeTestKit node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var (engine, witness, database) = await StartAsync(node);
        await using var _ = database;
        var (first, second, third) = (Workers[0], Workers[1], Workers[2]);

        IReadOnlyList<string> ids = [];
        var schedules = new FaultSchedules([], []);
        var cutAt = DateTimeOffset.MinValue;
        await node.RunOnAsync(
            async () =>
            {
                schedules = await CreateSchedulesAsync(node, engine, third);
                ids = await SubmitAsync(engine.Client, Tasks);
                AwaitLongTasksRunningOn(node, witness, ids, third, 2);
                cutAt = node.Sys.TimeProvider.GetUtcNow();
                await node.TestConductor.BlackholeAsync(first, third, Direction.Both);
                await node.TestConductor.BlackholeAsync(second, third, Direction.Both);
            },
            first);
        await node.EnterBarrierAsync("partitioned");

        // The cut-off node downs itself and shuts down; the attempts it ran were stopped and say so in the witness.
        await node.RunOnAsync(
            async () =>
            {
                await node.Sys.WhenTerminated.WaitAsync(Patience);
                Cluster.Cluster.Get(node.Sys).SelfMember!.Status.Should().Be(MemberStatus.Down, "the minority downs itself");
                node.AwaitAssert(
                    () => witness.AttemptsAsync().GetAwaiter().GetResult().Should().NotContain(a => a.Node == third.Name && a.Ended == null),
                    Patience,
                    TimeSpan.FromMilliseconds(200));
            },
            third);
        await node.EnterBarrierAsync("minority-stopped");

        node.RunOn(
            () =>
            {
                // The cut-off node has stopped (the barrier above): what it left open it will never close.
                witness.DepartedAsync(third.Name).GetAwaiter().GetResult();
                var verdict = SettleAndJudge(node, engine.Client, witness, ids, schedules, cutAt);
                verdict.Redone.Should().NotBeEmpty("the partition hit attempts that were running on the cut-off node");
                Cluster.Cluster.Get(node.Sys).State.Members.Select(m => m.Address).Should().BeEquivalentTo([node.Node(first), node.Node(second)]);
            },
            first);
        await node.EnterBarrierAsync("judged");
    }
}

public sealed class TaskPartitionFailoverTests(ITestOutputHelper output) : PostgresMultiNodeTests<TaskPartitionFailoverSpec>(output, "engine_partition")
{
    [Fact]
    public Task In_a_partition_the_minoritys_attempts_stop_before_the_majority_runs_them_again() => RunSpecAsync();
}
