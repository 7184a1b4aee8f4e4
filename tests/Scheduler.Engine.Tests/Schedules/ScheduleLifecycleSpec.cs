using Scheduler.Actors.Serialization;
using Scheduler.Engine.Model;
using Scheduler.Engine.Schedules;
using Scheduler.Engine.Tasks;

namespace Scheduler.Engine.Tests.Schedules;

public sealed class ScheduleLifecycleSpec
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    private ScheduleRecord? _schedule;

    private static DateTimeOffset Sec(double seconds) => T0.AddSeconds(seconds);

    private static ScheduleSpec EveryTenSeconds(OverlapPolicy overlap = OverlapPolicy.Skip) => new()
    {
        Id = "nightly",
        Trigger = new ScheduleTrigger { Every = TimeSpan.FromSeconds(10) },
        Task = new TaskSpec { Type = "noop" },
        Overlap = overlap,
    };

    private static string TaskOf(double seconds) => TaskIds.ForOccurrence("nightly", Sec(seconds));

    private ScheduleDecision Run(object input, DateTimeOffset now)
    {
        var decision = ScheduleLifecycle.Decide(_schedule, input, now, TaskLimits.Default);
        _schedule = decision.Events.Aggregate(_schedule, ScheduleLifecycle.Apply);
        return decision;
    }

    private static ScheduleView Accepted(ScheduleDecision decision) =>
        decision.Reply.Should().BeOfType<ScheduleReply.Accepted>().Subject.Schedule;

    private static TaskReply.Accepted TaskAnswer(double occurrence, TaskState state, bool created, string scheduleId = "nightly") =>
        new(new TaskView
        {
            Id = TaskOf(occurrence),
            Type = "noop",
            State = state,
            Occurrence = new ScheduleOccurrence(scheduleId, Sec(occurrence)),
        }, created);

    private static ScheduleInput.OccurrenceEnded Ended(double occurrence, TaskState state = TaskState.Succeeded) =>
        new("nightly", Sec(occurrence), TaskOf(occurrence), state);

    [Fact]
    public void A_created_schedule_fires_its_first_occurrence_at_once_and_waits_for_the_next()
    {
        var created = Run(new ScheduleCommand.Create(EveryTenSeconds()), T0);

        created.Reply.Should().BeOfType<ScheduleReply.Accepted>().Which.Created.Should().BeTrue();
        var view = Accepted(created);
        view.Status.Should().Be(ScheduleStatus.Active);
        view.Fired.Should().Be(1);
        view.RunningTasks.Should().Equal(TaskOf(0));
        view.NextFireAt.Should().Be(Sec(10));
        _schedule!.Unconfirmed.Should().Equal(Sec(0));
    }

    [Fact]
    public void A_start_in_the_past_sets_the_phase_but_fires_nothing_from_before_the_creation()
    {
        var view = Accepted(Run(new ScheduleCommand.Create(EveryTenSeconds() with { StartAt = Sec(-95) }), T0));

        view.Fired.Should().Be(0);
        view.MissedSkipped.Should().Be(0, "occurrences before the schedule existed were never its to miss");
        view.NextFireAt.Should().Be(Sec(5));
    }

    [Fact]
    public void Repeating_the_create_is_idempotent_and_a_different_spec_under_the_id_is_refused()
    {
        var spec = EveryTenSeconds() with { Task = new TaskSpec { Type = "noop", Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["a"] = "1", ["b"] = "2" } } };
        Run(new ScheduleCommand.Create(spec), T0);
        var reordered = spec with { Task = spec.Task with { Labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["b"] = "2", ["a"] = "1" } } };

        var again = Run(new ScheduleCommand.Create(reordered), Sec(1));
        var other = Run(new ScheduleCommand.Create(spec with { Trigger = new ScheduleTrigger { Every = TimeSpan.FromSeconds(20) } }), Sec(2));

        again.Events.Should().BeEmpty();
        again.Reply.Should().BeOfType<ScheduleReply.Accepted>().Which.Created.Should().BeFalse();
        other.Events.Should().BeEmpty();
        other.Reply.Should().BeOfType<ScheduleReply.Invalid>().Which.Message.Should().Contain("a different schedule 'nightly' exists");
    }

    [Fact]
    public void An_invalid_spec_is_refused_with_every_broken_field_and_nothing_is_stored()
    {
        var decision = Run(new ScheduleCommand.Create(new ScheduleSpec { Id = "bad id", Trigger = new ScheduleTrigger { Cron = "61 * * * *" } }), T0);

        decision.Events.Should().BeEmpty();
        var errors = decision.Reply.Should().BeOfType<ScheduleReply.Invalid>().Subject.Errors.Select(e => e.Field);
        errors.Should().Contain(["id", "trigger.cron"]);
        _schedule.Should().BeNull();
    }

    [Fact]
    public void Commands_for_a_missing_or_deleted_schedule_are_not_found()
    {
        Run(new ScheduleCommand.Pause("nightly"), T0).Reply.Should().Be(new ScheduleReply.NotFound("nightly"));

        Run(new ScheduleCommand.Create(EveryTenSeconds()), T0);
        Run(new ScheduleCommand.Delete("nightly"), Sec(1)).Reply.Should().BeOfType<ScheduleReply.Accepted>()
            .Which.Schedule.Status.Should().Be(ScheduleStatus.Deleted);

        Run(new ScheduleCommand.Get("nightly"), Sec(2)).Reply.Should().Be(new ScheduleReply.NotFound("nightly"));
        Run(new ScheduleInput.Wake("nightly"), Sec(20)).Events.Should().BeEmpty("a deleted schedule fires nothing");
        Run(Ended(0), Sec(3)).Reply.Should().Be(new ScheduleInput.OccurrenceEndedAck(TaskOf(0)), "its tasks may stop telling it");
    }

    [Fact]
    public void The_task_entity_confirms_the_occurrence_and_its_end_lets_the_next_one_fire()
    {
        Run(new ScheduleCommand.Create(EveryTenSeconds()), T0);

        Run(TaskAnswer(0, TaskState.Ready, created: true), Sec(0.1)).Events.Should().ContainSingle()
            .Which.Should().BeOfType<ScheduleEvent.OccurrenceCreated>();
        _schedule!.Unconfirmed.Should().BeEmpty();

        Run(new ScheduleInput.Wake("nightly"), Sec(10));
        Accepted(Run(new ScheduleCommand.Get("nightly"), Sec(10))).OverlapSkipped.Should().Be(1, "occurrence 0 still runs");

        var end = Run(Ended(0), Sec(11));
        end.Reply.Should().Be(new ScheduleInput.OccurrenceEndedAck(TaskOf(0)));
        _schedule!.Progress.Active.Should().BeEmpty();

        Run(new ScheduleInput.Wake("nightly"), Sec(20));
        _schedule!.Progress.Active.Should().Equal(Sec(20));
        _schedule.Fired.Should().Be(2);
    }

    [Fact]
    public void A_repeated_end_or_confirmation_changes_nothing()
    {
        Run(new ScheduleCommand.Create(EveryTenSeconds()), T0);
        Run(Ended(0), Sec(1));

        Run(Ended(0), Sec(2)).Events.Should().BeEmpty();
        Run(TaskAnswer(0, TaskState.Succeeded, created: false), Sec(3)).Events.Should().BeEmpty();
    }

    [Fact]
    public void An_end_that_overtakes_the_confirmation_ends_the_occurrence()
    {
        Run(new ScheduleCommand.Create(EveryTenSeconds()), T0);

        Run(Ended(0), Sec(0.2));

        _schedule!.Unconfirmed.Should().BeEmpty();
        _schedule.Progress.Active.Should().BeEmpty();
        Run(TaskAnswer(0, TaskState.Ready, created: true), Sec(0.3)).Events.Should().BeEmpty();
    }

    [Theory]
    [InlineData(TaskState.Succeeded, "nightly", true)]
    [InlineData(TaskState.Running, "someone-else", true)]
    [InlineData(TaskState.Running, "nightly", false)]
    public void A_task_that_existed_already_counts_as_ended_unless_it_is_this_occurrence_still_running(TaskState state, string owner, bool ended)
    {
        Run(new ScheduleCommand.Create(EveryTenSeconds()), T0);

        Run(TaskAnswer(0, state, created: false, owner), Sec(0.1));

        _schedule!.Unconfirmed.Should().BeEmpty();
        _schedule.Progress.Active.IsEmpty.Should().Be(ended);
    }

    [Fact]
    public void A_task_the_entity_refuses_ends_its_occurrence_with_the_reason()
    {
        Run(new ScheduleCommand.Create(EveryTenSeconds()), T0);

        var refused = Run(new TaskReply.Invalid(TaskOf(0), [new ValidationError("payload", "is too large")]), Sec(0.1));

        refused.Events.OfType<ScheduleEvent.OccurrenceEnded>().Single().Error.Should().Contain("payload: is too large");
        _schedule!.Progress.Active.Should().BeEmpty();
    }

    [Fact]
    public void Cancel_previous_keeps_the_newest_waiting_until_the_running_one_ends()
    {
        Run(new ScheduleCommand.Create(EveryTenSeconds(OverlapPolicy.CancelPrevious)), T0);
        _schedule!.CancelsRunning.Should().BeFalse();

        Run(new ScheduleInput.Wake("nightly"), Sec(10));

        _schedule!.CancelsRunning.Should().BeTrue();
        _schedule.Progress.Waiting.Should().Be(Sec(10));

        Run(Ended(0, TaskState.Cancelled), Sec(10.5));

        _schedule!.CancelsRunning.Should().BeFalse();
        _schedule.Progress.Active.Should().Equal(Sec(10));
        _schedule.Unconfirmed.Should().Equal(Sec(10));
    }

    [Fact]
    public void A_pause_fires_nothing_drops_the_waiting_occurrence_and_a_resume_passes_over_the_pause()
    {
        Run(new ScheduleCommand.Create(EveryTenSeconds(OverlapPolicy.BufferOne)), T0);
        Run(new ScheduleInput.Wake("nightly"), Sec(10));
        _schedule!.Progress.Waiting.Should().Be(Sec(10));

        var paused = Accepted(Run(new ScheduleCommand.Pause("nightly"), Sec(12)));
        paused.Status.Should().Be(ScheduleStatus.Paused);
        paused.NextFireAt.Should().BeNull();
        paused.Waiting.Should().BeNull();
        paused.OverlapSkipped.Should().Be(1);
        Run(new ScheduleCommand.Pause("nightly"), Sec(13)).Events.Should().BeEmpty("pausing twice is pausing once");

        Run(new ScheduleInput.Wake("nightly"), Sec(20)).Events.Should().BeEmpty();
        Run(Ended(0), Sec(21));
        _schedule!.Progress.Active.Should().BeEmpty("nothing waited, so nothing fired");

        var resumed = Accepted(Run(new ScheduleCommand.Resume("nightly"), Sec(45)));
        resumed.Status.Should().Be(ScheduleStatus.Active);
        resumed.NextFireAt.Should().Be(Sec(50));
        resumed.Fired.Should().Be(1);
        resumed.MissedSkipped.Should().Be(0);
        Run(new ScheduleCommand.Resume("nightly"), Sec(46)).Reply.Should().BeOfType<ScheduleReply.InvalidTransition>()
            .Which.Message.Should().Be("cannot resume schedule 'nightly': it is Active");
    }

    [Fact]
    public void A_schedule_past_its_end_ends_once_its_last_task_finishes()
    {
        Run(new ScheduleCommand.Create(EveryTenSeconds() with { EndAt = Sec(15) }), T0);
        Run(Ended(0), Sec(1));
        Run(new ScheduleInput.Wake("nightly"), Sec(10));

        _schedule!.Status.Should().Be(ScheduleStatus.Active, "occurrence 10 still runs");
        Run(Ended(10), Sec(11));

        _schedule!.Status.Should().Be(ScheduleStatus.Ended);
        Run(new ScheduleCommand.Pause("nightly"), Sec(12)).Reply.Should().BeOfType<ScheduleReply.InvalidTransition>();
    }

    [Fact]
    public void A_schedule_created_again_after_a_delete_starts_afresh()
    {
        Run(new ScheduleCommand.Create(EveryTenSeconds()), T0);
        Run(new ScheduleCommand.Delete("nightly"), Sec(1));

        var again = Run(new ScheduleCommand.Create(EveryTenSeconds()), Sec(3));

        again.Reply.Should().BeOfType<ScheduleReply.Accepted>().Which.Created.Should().BeTrue();
        _schedule!.Fired.Should().Be(1);
        _schedule.Progress.Active.Should().Equal(Sec(3));
    }

    [Fact]
    public void Every_event_survives_the_journal_serializer()
    {
        var registry = new SerializationRegistry();
        ScheduleEvent.RegisterAll(registry);
        var events = new List<ScheduleEvent>();
        foreach (var (input, at) in new (object, double)[]
        {
            (new ScheduleCommand.Create(EveryTenSeconds(OverlapPolicy.CancelPrevious)), 0),
            (new ScheduleInput.Wake("nightly"), 10),
            (TaskAnswer(0, TaskState.Running, created: true), 10.1),
            (Ended(0, TaskState.Cancelled), 10.2),
            (new ScheduleCommand.Pause("nightly"), 11),
            (new ScheduleCommand.Resume("nightly"), 12),
            (new ScheduleCommand.Delete("nightly"), 13),
        })
        {
            events.AddRange(Run(input, Sec(at)).Events);
        }

        ScheduleRecord? replayed = null;
        foreach (var change in events)
        {
            var stored = registry.Serialize(change);
            var copy = (ScheduleEvent)registry.Deserialize(stored.Manifest, stored.Payload.Span);
            replayed = ScheduleLifecycle.Apply(replayed, copy);
        }

        events.Select(e => e.GetType().Name).Should().Contain(["Planned", "OccurrenceCreated", "OccurrenceEnded", "Paused", "Resumed", "Deleted"]);
        replayed!.Status.Should().Be(ScheduleStatus.Deleted);
        replayed.Fired.Should().Be(_schedule!.Fired);
        replayed.Progress.Active.Should().Equal(_schedule.Progress.Active);
        replayed.WakeAt.Should().Be(_schedule.WakeAt);
    }
}
