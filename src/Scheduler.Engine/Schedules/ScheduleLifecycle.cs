using Scheduler.Engine.Model;
using Scheduler.Engine.Tasks;

namespace Scheduler.Engine.Schedules;

/// <summary>
/// The schedule state machine, pure: <see cref="Decide"/> turns the current state and one input into events and an
/// answer; <see cref="Apply"/> folds an event into the state. When to fire is <see cref="SchedulePlanner"/>'s call;
/// this adds the commands, the creation of each occurrence's task and the news of its end.
/// </summary>
internal static partial class ScheduleLifecycle
{
    /// <summary>What to do with <paramref name="input"/> given the state <paramref name="schedule"/> (null: no schedule yet).</summary>
    public static ScheduleDecision Decide(ScheduleRecord? schedule, object input, DateTimeOffset now, TaskLimits limits)
    {
        ArgumentNullException.ThrowIfNull(input);
        var live = schedule is not null && schedule.Status is not ScheduleStatus.Deleted;
        return input switch
        {
            ScheduleCommand.Create create => Create(live ? schedule : null, create.Spec, now, limits),
            ScheduleCommand command when !live => ScheduleDecision.Answer(new ScheduleReply.NotFound(command.ScheduleId)),
            ScheduleCommand.Get => ScheduleDecision.Answer(new ScheduleReply.Accepted(schedule!.View())),
            ScheduleCommand.Pause => schedule!.Status switch
            {
                ScheduleStatus.Paused => Unchanged(schedule),
                ScheduleStatus.Active => Accept(schedule, new ScheduleEvent.Paused(now)),
                _ => Invalid(schedule, "pause"),
            },
            ScheduleCommand.Resume => schedule!.Status is ScheduleStatus.Paused
                ? Accept(schedule, new ScheduleEvent.Resumed(now), Plan(schedule, now, passOver: true))
                : Invalid(schedule, "resume"),
            ScheduleCommand.Delete => Accept(schedule!, new ScheduleEvent.Deleted(now)),
            ScheduleInput.Wake => schedule is { Status: ScheduleStatus.Active, WakeAt: { } wakeAt } && wakeAt <= now
                ? new ScheduleDecision([Plan(schedule, now, passOver: false)], null)
                : ScheduleDecision.None,
            ScheduleInput.OccurrenceEnded ended => OccurrenceEnded(live ? schedule : null, ended, now),
            TaskReply.Accepted accepted when live => Confirmed(schedule!, accepted, now),
            TaskReply.Invalid invalid when live => Refused(schedule!, invalid, now),
            _ => ScheduleDecision.None,
        };
    }

    private static ScheduleDecision Create(ScheduleRecord? schedule, ScheduleSpec spec, DateTimeOffset now, TaskLimits limits)
    {
        var errors = ScheduleSpecValidator.Validate(spec, limits, now);
        if (errors.Count > 0)
        {
            return ScheduleDecision.Answer(new ScheduleReply.Invalid(spec.Id ?? "", errors));
        }

        if (schedule is not null)
        {
            return ScheduleSpecs.Same(schedule.Spec, spec)
                ? ScheduleDecision.Answer(new ScheduleReply.Accepted(schedule.View(), Created: false))
                : ScheduleDecision.Answer(new ScheduleReply.Invalid(spec.Id, [new ValidationError("id",
                    "a different schedule '" + spec.Id + "' exists; delete it first or choose another id")]));
        }

        var start = spec.StartAt ?? now;
        var created = new ScheduleEvent.Created(spec, start, now);
        var fresh = Apply(null, created);

        // Occurrences before the creation are not the schedule's to fire (a start in the past only sets the phase).
        var planned = Plan(fresh, now, passOver: start < now);
        return new ScheduleDecision([created, planned], new ScheduleReply.Accepted(Apply(fresh, planned).View(), Created: true));
    }

    private static ScheduleDecision OccurrenceEnded(ScheduleRecord? schedule, ScheduleInput.OccurrenceEnded ended, DateTimeOffset now)
    {
        var ack = new ScheduleInput.OccurrenceEndedAck(ended.TaskId);
        if (schedule is null || !Runs(schedule, ended.Occurrence))
        {
            // Told twice, or about a task of an earlier schedule under this id: nothing changes, but the task may stop telling.
            return ScheduleDecision.Answer(ack);
        }

        return new ScheduleDecision(Ended(schedule, ended.Occurrence, ended.State, null, now), ack);
    }

    // The answer to the submit of an occurrence's task. A task that existed already and has finished, or that is not
    // this occurrence's (someone took its id), will send no end of its own: it counts as ended now.
    private static ScheduleDecision Confirmed(ScheduleRecord schedule, TaskReply.Accepted accepted, DateTimeOffset now)
    {
        if (!TryUnconfirmed(schedule, accepted.Task.Id, out var occurrence))
        {
            return ScheduleDecision.None;
        }

        var task = accepted.Task;
        var finished = task.State.IsFinished();
        var ours = task.Occurrence == new ScheduleOccurrence(schedule.Id, occurrence);
        if (accepted.Created || (ours && !finished))
        {
            return new ScheduleDecision([new ScheduleEvent.OccurrenceCreated(occurrence, now)], null);
        }

        var error = ours ? null : "task id '" + task.Id + "' was already taken by a task this schedule did not create";
        return new ScheduleDecision(Ended(schedule, occurrence, task.State, error, now), null);
    }

    private static ScheduleDecision Refused(ScheduleRecord schedule, TaskReply.Invalid invalid, DateTimeOffset now) =>
        TryUnconfirmed(schedule, invalid.TaskId, out var occurrence)
            ? new ScheduleDecision(Ended(schedule, occurrence, null, "the task was refused: " + invalid.Message, now), null)
            : ScheduleDecision.None;

    private static List<ScheduleEvent> Ended(ScheduleRecord schedule, DateTimeOffset occurrence, TaskState? state, string? error, DateTimeOffset now)
    {
        var ended = new ScheduleEvent.OccurrenceEnded(occurrence, state, error, now);
        var after = Apply(schedule, ended);
        var plan = SchedulePlanner.Finished(after.Spec, Clock(after), after.Progress, occurrence, after.Start);

        // A paused schedule has no waiting occurrence (the pause dropped it), so nothing fires here while paused.
        return [ended, new ScheduleEvent.Planned(plan, now)];
    }

    private static ScheduleEvent.Planned Plan(ScheduleRecord schedule, DateTimeOffset now, bool passOver)
    {
        var clock = Clock(schedule);
        var plan = passOver
            ? SchedulePlanner.PassOver(schedule.Spec, clock, schedule.Progress, schedule.Start, now)
            : SchedulePlanner.Wake(schedule.Spec, clock, schedule.Progress, schedule.Start, now);
        return new ScheduleEvent.Planned(plan, now);
    }

    private static ScheduleClock Clock(ScheduleRecord schedule) => ScheduleClock.Of(schedule.Spec.Trigger, schedule.Start);

    private static bool Runs(ScheduleRecord schedule, DateTimeOffset occurrence) =>
        schedule.Progress.Active.Contains(occurrence) || schedule.Unconfirmed.Contains(occurrence);

    private static bool TryUnconfirmed(ScheduleRecord schedule, string taskId, out DateTimeOffset occurrence)
    {
        foreach (var candidate in schedule.Unconfirmed)
        {
            if (string.Equals(schedule.TaskIdOf(candidate), taskId, StringComparison.Ordinal))
            {
                occurrence = candidate;
                return true;
            }
        }

        occurrence = default;
        return false;
    }

    private static ScheduleDecision Accept(ScheduleRecord schedule, params ScheduleEvent[] changes)
    {
        var after = changes.Aggregate(schedule, Apply);
        return new ScheduleDecision(changes, new ScheduleReply.Accepted(after.View()));
    }

    private static ScheduleDecision Unchanged(ScheduleRecord schedule) => ScheduleDecision.Answer(new ScheduleReply.Accepted(schedule.View()));

    private static ScheduleDecision Invalid(ScheduleRecord schedule, string command) =>
        ScheduleDecision.Answer(new ScheduleReply.InvalidTransition(schedule.Id, schedule.Status, command));
}
