using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;
using Scheduler.Engine.Tests.MultiNode.Witness;
using Scheduler.TestKit.MultiNode;

namespace Scheduler.Engine.Tests.MultiNode;

/// <summary>
/// The kill failover at full size, run from the benchmark runner (<c>-- chaos</c>), not in CI: every node, the
/// workers and the client, submits its share of <see cref="Tasks"/> witnessed tasks sleeping 10 to 200 ms; then the
/// long tasks go in at the top priority, and once two of them run on the third worker it is killed with SIGKILL while
/// thousands of short ones are queued or running. The same verdict as <see cref="TaskKillFailoverSpec"/>: every task
/// succeeds, none lost, no overlapping attempts, nothing unexpected, the schedules fire exactly once per occurrence,
/// and the killed node's attempts begin again elsewhere within 10 s of the kill.
/// </summary>
public sealed class TaskChaosSpec : EngineMultiNodeSpec
{
    public const int Tasks = 10_000;

    // Submits in flight per node: enough to keep the journal's batches full, few enough to keep asks from timing out.
    private const int Window = 32;

    private static readonly TimeSpan SettlePatience = TimeSpan.FromMinutes(10);

    public TaskChaosSpec()
        : base(["first", "second", "third"], "client")
    {
        Config.Timeout = TimeSpan.FromMinutes(20);
        Config.BarrierTimeout = TimeSpan.FromMinutes(12);
    }

    /// <summary>The ids of the short tasks, all nodes' shares together.</summary>
    public static IReadOnlyList<string> ShortTaskIds { get; } = [.. Enumerable.Range(0, Tasks).Select(Id)];

    public override async Task RunAsync(MultiNodeTestKit node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var (engine, witness, database) = await StartAsync(node);
        await using var _ = database;
        var client = Client!;
        var victim = Workers[2];

        var schedules = new FaultSchedules([], []);
        await node.RunOnAsync(async () => schedules = await CreateSchedulesAsync(node, engine, victim), client);
        await node.EnterBarrierAsync("schedules-created");

        var share = Everyone.ToList().IndexOf(node.Myself);
        await SubmitShareAsync(engine.Client, share, Everyone.Count());
        await node.EnterBarrierAsync("submitted");

        IReadOnlyList<string> longIds = [];
        var killedAt = DateTimeOffset.MinValue;
        await node.RunOnAsync(
            async () =>
            {
                longIds = await SubmitAsync(engine.Client, LongTasks);
                killedAt = await KillWhileLongTasksRunAsync(node, witness, longIds, victim);
            },
            client);
        await node.EnterBarrierAsync("killed");

        node.RunOn(() => JudgeKill(node, engine.Client, witness, [.. ShortTaskIds, .. longIds], schedules, killedAt, SettlePatience), client);
        await node.EnterBarrierAsync("judged");
    }

    private static string Id(int i) => $"c{i:D5}";

    // This node's share: every n-th task from its position, Window submits at a time.
    private static async Task SubmitShareAsync(TaskClient client, int position, int nodes)
    {
        using var slots = new SemaphoreSlim(Window);
        var submits = new List<Task>();
        for (var i = position; i < Tasks; i += nodes)
        {
            await slots.WaitAsync();
            var spec = new TaskSpec { Id = Id(i), Type = WitnessExecutor.Type, Payload = WitnessExecutor.Payload(10 + (i * 37 % 191), cleanupMs: 0) };
            submits.Add(SubmitAsync(client, spec, slots));
        }

        await Task.WhenAll(submits);
    }

    private static async Task SubmitAsync(TaskClient client, TaskSpec spec, SemaphoreSlim slots)
    {
        try
        {
            (await client.SubmitAsync(spec)).Should().BeOfType<TaskReply.Accepted>();
        }
        finally
        {
            slots.Release();
        }
    }
}
