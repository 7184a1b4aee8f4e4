using Npgsql;
using Scheduler.Actors;
using Scheduler.Cluster.Members;
using Scheduler.Engine.Execution;
using Scheduler.Engine.Model;
using Scheduler.Engine.ReadModel;
using Scheduler.Engine.Schedules;
using Scheduler.Engine.Tasks;
using Scheduler.Engine.Tests.MultiNode.Witness;
using Scheduler.Persistence.Sql;
using Scheduler.Sharding;
using Scheduler.TestKit.MultiNode;

namespace Scheduler.Engine.Tests.MultiNode;

/// <summary>
/// What the engine's failover specs share: worker nodes on one PostgreSQL journal running the engine with the
/// <c>witness</c> task type, and the steps of a run (join, submit, wait for every task to end, judge the witness).
/// </summary>
public abstract class EngineMultiNodeSpec : MultiNodeSpec
{
    public const string DatabaseParameter = "database";

    /// <summary>Tasks submitted first that run for 6 s: as many as the three workers have slots.</summary>
    protected const int LongTasks = 12;

    /// <summary>Tasks submitted last, due 8 to 13 s later: they park in the due-time index.</summary>
    protected const int ParkedTasks = 6;

    /// <summary>Parents submitted after the others, each fanning out <see cref="ChildrenPerParent"/> witnessed children.</summary>
    protected const int FanOutParents = 3;

    protected const int ChildrenPerParent = 8;

    /// <summary>How long a spec waits for the cluster, a failover or the tasks.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    protected EngineMultiNodeSpec(string[] workers, string? client)
    {
        Workers = [.. workers.Select(Config.Role)];
        Client = client is null ? null : Config.Role(client);
        Config.CommonHocon = LoopbackTimings.Hocon + """

            scheduler.engine {
              role = worker
              resend-interval = 300ms
              worker.slots = 4
              # Every role stops at the end at once: a short drain keeps that within the harness's 10 s.
              worker.drain-timeout = 2s
              passivate-waiting-after = 3s
              due-index { wake-interval = 300ms, look-ahead = 1s, rewake-after = 3s }
            }
            """;
        foreach (var worker in Workers)
        {
            Config.NodeConfig(worker, "scheduler.cluster.roles = [worker]");
        }

        Config.Timeout = TimeSpan.FromMinutes(4);
        Config.BarrierTimeout = TimeSpan.FromSeconds(90);
    }

    protected IReadOnlyList<RoleName> Workers { get; }

    protected RoleName? Client { get; }

    protected IEnumerable<RoleName> Everyone => Client is null ? Workers : [.. Workers, Client];

    /// <summary>
    /// Opens the journal and the witness (the first worker creates both), joins every node to the first worker and
    /// starts the engine; returns the engine and the witness of this node.
    /// </summary>
    protected async Task<(SchedulerEngine Engine, WitnessLog Witness, NpgsqlDataSource Database)> StartAsync(MultiNodeTestKit node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var connection = node.Parameter(DatabaseParameter);
        var options = new SqlPersistenceOptions { Database = SqlDatabase.Postgres, ConnectionString = connection };
        var database = NpgsqlDataSource.Create(connection);
        await node.RunOnAsync(
            async () =>
            {
                await SqlPersistence.InitAsync(node.Sys, options with { AutoInitialize = true });
                await WitnessLog.CreateAsync(database);
            },
            Workers[0]);
        await node.EnterBarrierAsync("journal-ready");
        await node.RunOnAsync(() => SqlPersistence.InitAsync(node.Sys, options), [.. Everyone.Where(role => role != Workers[0])]);

        var cluster = Cluster.Cluster.Get(node.Sys);
        node.RunOn(() => cluster.JoinSeedNodes([node.Node(Workers[0])]), Workers[0]);
        await node.EnterBarrierAsync("first-joining");
        cluster.JoinSeedNodes([node.Node(Workers[0])]);
        AwaitUp(node, Everyone.Count());

        var witness = new WitnessLog(database);
        var name = node.Myself.Name;
        var executors = new ExecutorRegistry()
            .Register(WitnessExecutor.Type, _ => new WitnessExecutor(witness, name))
            .Register(WitnessFanOutExecutor.Type, _ => new WitnessFanOutExecutor(witness, name));
        var engine = SchedulerEngine.Start(node.Sys, executors);
        await node.EnterBarrierAsync("engine-started");

        // Regions register with their coordinator a moment after the engine starts; a shard allocated before a
        // worker's region is known never lands there, and the specs need work on every worker.
        AwaitRegions(node, engine.Tasks);
        AwaitRegions(node, engine.Schedules);
        await node.EnterBarrierAsync("regions-registered");
        return (engine, witness, database);
    }

    private void AwaitRegions(MultiNodeTestKit node, IActorRef region)
    {
        var expected = Workers.Select(node.Node).ToHashSet();
        var probe = node.CreateTestProbe();
        node.AwaitAssert(
            () =>
            {
                region.Tell(new GetClusterShardingStats(TimeSpan.FromSeconds(3)), probe.Ref);
                probe.ExpectMsg<ClusterShardingStats>(TimeSpan.FromSeconds(10)).Regions.Keys.Should().BeEquivalentTo(expected);
            },
            Patience);
    }

    /// <summary>
    /// Submits <paramref name="count"/> witnessed tasks and returns their ids. The first <see cref="LongTasks"/> take
    /// 6 s, longer than a failure takes to be detected and decided, so a fault hits them while they run; the rest
    /// take 300 to 1,200 ms. Each takes a second to wind down when stopped. Then <see cref="FanOutParents"/> parents,
    /// whose children's ids are returned too, and <see cref="ParkedTasks"/> more, due seconds later. The long ones
    /// have the top priority, so they start first even behind a queue of others.
    /// </summary>
    protected static async Task<IReadOnlyList<string>> SubmitAsync(TaskClient client, int count)
    {
        ArgumentNullException.ThrowIfNull(client);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var ms = i < LongTasks ? 6000 : 300 + (i * 37 % 900);
            var spec = new TaskSpec
            {
                Id = $"w{i:D4}",
                Type = WitnessExecutor.Type,
                Payload = WitnessExecutor.Payload(ms, cleanupMs: 1000),
                Priority = i < LongTasks ? TaskLimits.MaxPriority : TaskLimits.DefaultPriority,
            };
            var reply = await client.SubmitAsync(spec);
            reply.Should().BeOfType<TaskReply.Accepted>();
            ids.Add(spec.Id);
        }

        // Parents whose children spread over the workers, collected by a reduce attempt wherever the parent lives then.
        for (var i = 0; i < FanOutParents; i++)
        {
            var spec = new TaskSpec { Id = $"f{i:D4}", Type = WitnessFanOutExecutor.Type, Payload = WitnessFanOutExecutor.Payload(ChildrenPerParent, 400) };
            (await client.SubmitAsync(spec)).Should().BeOfType<TaskReply.Accepted>();
            ids.Add(spec.Id);
            ids.AddRange(WitnessFanOutExecutor.ChildIds(spec.Id, ChildrenPerParent));
        }

        // Tasks due later than passivate-waiting-after leave memory at once and are woken by the due-time index,
        // around the time the fault hits.
        for (var i = 0; i < ParkedTasks; i++)
        {
            var spec = new TaskSpec { Id = $"p{i:D4}", Type = WitnessExecutor.Type, Payload = WitnessExecutor.Payload(300, cleanupMs: 0), Delay = TimeSpan.FromSeconds(8 + i) };
            (await client.SubmitAsync(spec)).Should().BeOfType<TaskReply.Accepted>();
            ids.Add(spec.Id);
        }

        return ids;
    }

    /// <summary>
    /// Creates schedules that fire every second a short witnessed task (overlap allowed, so every occurrence fires)
    /// until two of them live on <paramref name="victim"/>, the node a fault will hit; returns every schedule's id
    /// and those of the two.
    /// </summary>
    protected static async Task<FaultSchedules> CreateSchedulesAsync(
        MultiNodeTestKit node, SchedulerEngine engine, RoleName victim)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(engine);
        var all = new List<string>();
        var onVictim = new List<string>();
        while (onVictim.Count < 2)
        {
            all.Count.Should().BeLessThan(40, "schedule ids hash over the shards, so some land on every node");
            var spec = new ScheduleSpec
            {
                Id = $"s{all.Count:D2}",
                Trigger = new ScheduleTrigger { Every = TimeSpan.FromSeconds(1) },
                Task = new TaskSpec { Type = WitnessExecutor.Type, Payload = WitnessExecutor.Payload(200, cleanupMs: 0) },
                Overlap = OverlapPolicy.Allow,
            };
            (await engine.Client.CreateScheduleAsync(spec)).Should().BeOfType<ScheduleReply.Accepted>();
            all.Add(spec.Id);
            var location = await engine.Schedules.Ask<EntityLocation>(new GetEntityLocation(spec.Id, Patience), Patience + Patience);
            if (location.Region == node.Node(victim))
            {
                onVictim.Add(spec.Id);
            }
        }

        return new FaultSchedules(all, onVictim);
    }

    /// <summary>
    /// Pauses the schedules, waits until none has a task running, and returns the ids of the tasks they created,
    /// checking that every occurrence from the creation to the pause fired: none missed, none skipped.
    /// </summary>
    private static List<string> StopSchedules(MultiNodeTestKit node, TaskClient client, IReadOnlyList<string> schedules)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(schedules);
        foreach (var id in schedules)
        {
            client.PauseScheduleAsync(id).GetAwaiter().GetResult().Should().BeOfType<ScheduleReply.Accepted>();
        }

        var tasks = new List<string>();
        foreach (var id in schedules)
        {
            ScheduleView view = null!;
            node.AwaitAssert(
                () =>
                {
                    view = client.GetScheduleAsync(id).GetAwaiter().GetResult().Should().BeOfType<ScheduleReply.Accepted>().Subject.Schedule;
                    view.RunningTasks.Should().BeEmpty();
                },
                Patience,
                TimeSpan.FromMilliseconds(500));
            view.MissedSkipped.Should().Be(0, "a failover shorter than the misfire threshold misses no occurrence");
            view.OverlapSkipped.Should().Be(0);
            tasks.AddRange(Enumerable.Range(0, (int)view.Fired).Select(k => TaskIds.ForOccurrence(id, view.CreatedAt.AddSeconds(k))));
        }

        return tasks;
    }

    /// <summary>Checks that each schedule fired an occurrence later than <paramref name="after"/>.</summary>
    private static void FiredAfter(TaskClient client, IReadOnlyList<string> schedules, DateTimeOffset after)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(schedules);
        foreach (var id in schedules)
        {
            var view = client.GetScheduleAsync(id).GetAwaiter().GetResult().Should().BeOfType<ScheduleReply.Accepted>().Subject.Schedule;
            view.LastFired.Should().BeAfter(after, "schedule " + id + " kept firing after the fault hit its node");
        }
    }

    /// <summary>Waits until every task has succeeded, asking only about those that had not yet.</summary>
    protected static void AwaitAllSucceeded(MultiNodeTestKit node, TaskClient client, IReadOnlyList<string> ids, TimeSpan? patience = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(client);
        var pending = ids.ToHashSet(StringComparer.Ordinal);
        node.AwaitAssert(
            () =>
            {
                foreach (var id in pending.ToList())
                {
                    if (client.GetAsync(id).GetAwaiter().GetResult() is TaskReply.Accepted { Task.State: TaskState.Succeeded })
                    {
                        pending.Remove(id);
                    }
                }

                pending.Should().BeEmpty("every accepted task runs to its end");
            },
            patience ?? Patience,
            TimeSpan.FromMilliseconds(500));
    }

    /// <summary>Waits until at least <paramref name="count"/> of the long tasks run on <paramref name="role"/>.</summary>
    protected static void AwaitLongTasksRunningOn(MultiNodeTestKit node, WitnessLog witness, IReadOnlyList<string> ids, RoleName role, int count)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(witness);
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(role);
        var longTasks = ids.Take(LongTasks).ToHashSet(StringComparer.Ordinal);
        node.AwaitAssert(
            () => witness.AttemptsAsync().GetAwaiter().GetResult()
                .Count(a => a.Node == role.Name && a.Ended is null && longTasks.Contains(a.TaskId)).Should().BeGreaterThanOrEqualTo(count),
            Patience,
            TimeSpan.FromMilliseconds(100));
    }

    /// <summary>
    /// The end of a failover run: waits until every task has succeeded, checks the schedules kept firing after
    /// <paramref name="faultAt"/> on the node the fault hit, stops them, waits for the tasks they created, and judges
    /// the witness over all of it.
    /// </summary>
    /// <summary>
    /// Waits until two of the long tasks run on <paramref name="victim"/>, kills it with SIGKILL and records the
    /// departure in the witness; returns when it was killed.
    /// </summary>
    protected static async Task<DateTimeOffset> KillWhileLongTasksRunAsync(MultiNodeTestKit node, WitnessLog witness, IReadOnlyList<string> ids, RoleName victim)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(witness);
        ArgumentNullException.ThrowIfNull(victim);
        AwaitLongTasksRunningOn(node, witness, ids, victim, 2);
        var killedAt = node.Sys.TimeProvider.GetUtcNow();
        await node.TestConductor.KillAsync(victim);
        await witness.DepartedAsync(victim.Name);
        return killedAt;
    }

    /// <summary>
    /// The verdict after a kill: <see cref="SettleAndJudge"/>, and the killed node's cut-off attempts ran again, the
    /// slowest of them within 10 s of the kill.
    /// </summary>
    protected static void JudgeKill(
        MultiNodeTestKit node, TaskClient client, WitnessLog witness, IReadOnlyList<string> ids, FaultSchedules schedules, DateTimeOffset killedAt, TimeSpan? patience = null)
    {
        var verdict = SettleAndJudge(node, client, witness, ids, schedules, killedAt, patience);
        node.Report(FormattableString.Invariant($"redone after the kill: {verdict.Redone.Count} tasks, the slowest {verdict.SlowestRedo?.TotalSeconds:0.00} s after it"));
        verdict.Redone.Should().NotBeEmpty("the kill hit attempts that were running, and they ran again");
        verdict.SlowestRedo.Should().NotBeNull().And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(10),
            "the killed node's attempts run again elsewhere within 10 s of the kill");
    }

    protected static WitnessVerdict SettleAndJudge(
        MultiNodeTestKit node, TaskClient client, WitnessLog witness, IReadOnlyList<string> ids, FaultSchedules schedules, DateTimeOffset faultAt, TimeSpan? patience = null)
    {
        ArgumentNullException.ThrowIfNull(schedules);
        AwaitAllSucceeded(node, client, ids, patience);
        FiredAfter(client, schedules.OnVictim, faultAt);
        var fired = StopSchedules(node, client, schedules.All);
        AwaitAllSucceeded(node, client, fired);
        AwaitListedAsSucceeded(node, client, [.. ids, .. fired], patience);
        return Judge(witness, [.. ids, .. fired]);
    }

    /// <summary>
    /// Waits until the <c>task_view</c> read model lists every one of <paramref name="ids"/> as succeeded: its
    /// projection is a singleton, so after a fault it may have moved to another node and resumed from its stored
    /// offset, and it must still have missed nothing.
    /// </summary>
    protected static void AwaitListedAsSucceeded(MultiNodeTestKit node, TaskClient client, IReadOnlyList<string> ids, TimeSpan? patience = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(client);
        node.AwaitAssert(
            () =>
            {
                var listed = new HashSet<string>(StringComparer.Ordinal);
                string? after = null;
                do
                {
                    var page = client.ListAsync(new TaskQuery { State = TaskState.Succeeded, Limit = TaskQuery.MaxLimit, After = after }).GetAwaiter().GetResult();
                    listed.UnionWith(page.Tasks.Select(task => task.Id));
                    after = page.Next;
                }
                while (after is not null);

                ids.Where(id => !listed.Contains(id)).Should().BeEmpty("the read model lists every succeeded task");
            },
            patience ?? Patience,
            TimeSpan.FromMilliseconds(500));
    }

    /// <summary>Judges the witness: nothing lost, nothing overlapping, nothing unexpected; returns the verdict.</summary>
    protected static WitnessVerdict Judge(WitnessLog witness, IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(witness);
        var attempts = witness.AttemptsAsync().GetAwaiter().GetResult();
        var verdict = WitnessVerdict.Judge(ids.ToList(), attempts, witness.DeparturesAsync().GetAwaiter().GetResult());
        verdict.Lost.Should().BeEmpty("no accepted task is lost");
        verdict.Overlapping.Should().BeEmpty("two attempts of one task never run at the same time");
        verdict.Unexpected.Should().BeEmpty("nothing runs that should not");
        var children = ids.Where(id => id.Contains(':', StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        if (children.Count > 0)
        {
            attempts.Where(a => children.Contains(a.TaskId)).Select(a => a.Node).Distinct(StringComparer.Ordinal)
                .Should().HaveCountGreaterThan(1, "a parent's children run on workers across the cluster");
        }

        return verdict;
    }

    protected static void AwaitUp(MultiNodeTestKit node, int count)
    {
        ArgumentNullException.ThrowIfNull(node);
        var cluster = Cluster.Cluster.Get(node.Sys);
        node.AwaitAssert(
            () =>
            {
                cluster.State.Members.Should().HaveCount(count);
                cluster.State.Members.Should().OnlyContain(m => m.Status == MemberStatus.Up);
            },
            Patience);
    }
}
