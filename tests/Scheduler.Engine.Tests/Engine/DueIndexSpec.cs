using Scheduler.Actors;
using Microsoft.Extensions.Configuration;
using Scheduler.Configuration;
using Scheduler.Engine.Model;
using Scheduler.Engine.ReadModel;
using Scheduler.Engine.Schedules;
using Scheduler.Engine.Tasks;
using Scheduler.Engine.Waking;
using Scheduler.Persistence.Sql;
using Scheduler.Sharding;
using Xunit.Abstractions;

namespace Scheduler.Engine.Tests.Engine;

/// <summary>
/// Tasks due further ahead than <c>passivate-waiting-after</c> leave memory and are woken by the due-time index:
/// a row per parked task in <c>task_due</c>, read by the waker singleton.
/// </summary>
public sealed class DueIndexSpec(ITestOutputHelper output) : EngineSpecBase(output, """
    scheduler.engine {
      passivate-waiting-after = 2s
      due-index { wake-interval = 200ms, look-ahead = 1s, rewake-after = 2s }
    }
    """)
{
    private DueIndexStore Index => new((SqlJournal)Persistence.Persistence.Get(Sys).Journal);

    private bool IsAlive(string taskId) => IsAlive(Engine.Tasks, taskId);

    private static bool IsAlive(IActorRef region, string entityId)
    {
        var state = region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        return state.Shards.Any(shard => shard.EntityIds.Contains(entityId));
    }

    private IReadOnlyList<DueEntry> Rows() =>
        Index.DueAsync(DateTimeOffset.MaxValue.AddYears(-1), 100, CancellationToken.None).GetAwaiter().GetResult();

    [Fact]
    public async Task A_task_due_far_ahead_leaves_memory_and_the_index_wakes_it_when_due()
    {
        // Due 8 s ahead: the index wakes it 1 s early, so the test has 7 s to see it parked, under any load.
        var accepted = await SubmitAsync(Noop("later") with { Delay = TimeSpan.FromSeconds(8) });

        AwaitAssert(() =>
        {
            Rows().Should().ContainSingle().Which.Should().Be(new DueEntry("later", DateTimeOffset.FromUnixTimeMilliseconds(accepted.DueAt.ToUnixTimeMilliseconds())));
            IsAlive("later").Should().BeFalse("a parked task holds no actor");
        }, TimeSpan.FromSeconds(10));

        var done = AwaitState("later", TaskState.Succeeded, TimeSpan.FromSeconds(20));
        done.StartedAt.Should().BeOnOrAfter(accepted.DueAt, "the index wakes it early and it waits out the rest on a timer");
        AwaitAssert(() => Rows().Should().BeEmpty("the waker removes the row once the task has taken over"), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_task_due_soon_keeps_a_timer_and_writes_no_row()
    {
        await SubmitAsync(Noop("soon") with { Delay = TimeSpan.FromMilliseconds(1500) });

        IsAlive("soon").Should().BeTrue();
        AwaitState("soon", TaskState.Succeeded);
        Rows().Should().BeEmpty();
    }

    [Fact]
    public async Task A_parked_task_cancelled_meanwhile_stays_cancelled_and_its_stale_row_is_cleared_at_its_time()
    {
        // Due far enough ahead that a slow machine still parks it and cancels it before it comes due.
        await SubmitAsync(Noop("dropped") with { Delay = TimeSpan.FromSeconds(8) });
        AwaitAssert(() => IsAlive("dropped").Should().BeFalse(), TimeSpan.FromSeconds(7));

        (await Client.CancelAsync("dropped")).Should().BeOfType<TaskReply.Accepted>();

        AwaitAssert(() => Rows().Should().BeEmpty(), TimeSpan.FromSeconds(25));
        (await GetAsync("dropped")).State.Should().Be(TaskState.Cancelled);
    }

    [Fact]
    public async Task A_schedule_that_wakes_far_ahead_leaves_memory_and_the_index_wakes_it_for_each_occurrence()
    {
        // Every 8 s: the first occurrence fires at once, and the next is far enough ahead to park, under any load.
        var spec = new ScheduleSpec { Id = "sparse", Trigger = new ScheduleTrigger { Every = TimeSpan.FromSeconds(8) }, Task = new TaskSpec { Type = "noop" } };
        (await Client.CreateScheduleAsync(spec)).Should().BeOfType<ScheduleReply.Accepted>();

        var first = ParkedSchedule(fired: 1);
        AwaitState(first.LastTask, TaskState.Succeeded);

        var second = ParkedSchedule(fired: 2);
        second.NextFireAt.Should().Be(first.NextFireAt!.Value.AddSeconds(8), "the index woke it for its next occurrence, which fired once");
        AwaitState(second.LastTask, TaskState.Succeeded);
        (await Client.DeleteScheduleAsync("sparse")).Should().BeOfType<ScheduleReply.Accepted>();
    }

    // Waits until the schedule has fired `fired` times, holds no actor and has its next wake in the index; returns it.
    // It reads the schedule from the read model: a get would wake it.
    private (DateTimeOffset? NextFireAt, string LastTask) ParkedSchedule(long fired)
    {
        (DateTimeOffset? NextFireAt, string LastTask) parked = default;
        AwaitAssert(() =>
        {
            var view = Client.ListSchedulesAsync(new ScheduleQuery()).GetAwaiter().GetResult().Schedules.Should().ContainSingle().Subject;
            view.Fired.Should().Be(fired);
            var next = DateTimeOffset.FromUnixTimeMilliseconds(view.NextFireAt!.Value.ToUnixTimeMilliseconds());
            Rows().Should().Contain(new DueEntry(DueKeys.Schedule("sparse"), next));
            IsAlive(Engine.Schedules, "sparse").Should().BeFalse("a parked schedule holds no actor");
            parked = (view.NextFireAt, TaskIds.ForOccurrence("sparse", view.LastFired!.Value));
        }, TimeSpan.FromSeconds(15));
        return parked;
    }

    [Fact]
    public async Task A_look_ahead_not_below_the_passivation_wait_is_refused_naming_both_keys()
    {
        var config = new ConfigurationBuilder().AddHoconString("""
            scheduler.engine { passivate-waiting-after = 5s, due-index.look-ahead = 5s }
            """).Build();
        var system = ActorSystem.Create("bad-look-ahead", config);
        try
        {
            var act = () => EngineSettings.Create(system);

            act.Should().Throw<ConfigurationException>().WithMessage("*due-index.look-ahead*passivate-waiting-after*");
        }
        finally
        {
            await system.Terminate();
        }
    }
}
