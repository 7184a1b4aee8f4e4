using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Engine.Schedules;
using Scheduler.Engine.Tasks;

namespace Scheduler.Engine.Waking;

/// <summary>
/// Wakes passivated tasks and schedules when they come due: a cluster singleton that every <c>wake-interval</c> reads
/// the rows of the due-time index due within the look-ahead, sends each task a <see cref="TaskInput.Woken"/> through
/// the task region (each schedule a <see cref="ScheduleInput.Woken"/> through the schedule region), and removes a row
/// once its entity answered (the entity then holds its due time itself: a timer, or it is due already). A row whose
/// entity does not answer is woken again after <c>rewake-after</c>. At most one batch of wakes is out at a time, so a
/// burst of due rows is worked off in batches rather than all at once.
/// </summary>
internal sealed partial class DueWaker : ReceiveActor, IWithTimers
{
    private readonly DueIndexStore _store;
    private readonly IActorRef _tasks;
    private readonly IActorRef _schedules;
    private readonly DueIndexSettings _settings;
    private readonly ILogger _log;
    private readonly Dictionary<string, (DueEntry Entry, DateTimeOffset SentAt)> _out = new(StringComparer.Ordinal);
    private List<DueEntry> _answered = [];
    private bool _ready;
    private bool _busy;

    public DueWaker(DueIndexStore store, IActorRef tasks, IActorRef schedules, DueIndexSettings settings)
    {
        _store = store;
        _tasks = tasks;
        _schedules = schedules;
        _settings = settings;
        _log = Context.System.LoggerFactory.CreateLogger<DueWaker>();
        Receive<Ready>(_ =>
        {
            _ready = true;
            _busy = false;
            Timers.StartPeriodicTimer("tick", Tick.Instance, _settings.WakeInterval);
            Self.Tell(Tick.Instance);
        });
        Receive<Tick>(_ => Step());
        Receive<Found>(found =>
        {
            _busy = false;

            // A full page with news in it means more may be due: go on at once rather than at the next tick. A page
            // of wakes still unanswered waits for the answers instead.
            if (Wake(found.Entries) > 0 && found.Entries.Count == _settings.BatchSize)
            {
                Self.Tell(Tick.Instance);
            }
        });
        Receive<TaskInput.WokenAnswer>(answer => Answered(DueKeys.Task(answer.TaskId)));
        Receive<ScheduleInput.WokenAnswer>(answer => Answered(DueKeys.Schedule(answer.ScheduleId)));
        Receive<Removed>(_ =>
        {
            _busy = false;
            Self.Tell(Tick.Instance);
        });
        Receive<Failed>(failed =>
        {
            _busy = false;
            StepFailed(_log, failed.Cause);
            if (!_ready)
            {
                Timers.StartSingleTimer("prepare", Prepare.Instance, _settings.WakeInterval);
            }
        });
        Receive<Prepare>(_ => Start());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(DueIndexStore store, IActorRef tasks, IActorRef schedules, DueIndexSettings settings) =>
        Actors.Props.Create(() => new DueWaker(store, tasks, schedules, settings));

    protected override void PreStart() => Start();

    private DateTimeOffset Now() => Context.System.TimeProvider.GetUtcNow();

    private void Start()
    {
        _busy = true;
        _ = _store.EnsureAsync(CancellationToken.None).PipeTo(Self, success: () => Ready.Instance, failure: cause => new Failed(cause));
    }

    // One database step at a time: first the removals of rows whose tasks answered, then the next page of due rows.
    private void Step()
    {
        if (!_ready || _busy)
        {
            return;
        }

        _busy = true;
        if (_answered.Count > 0)
        {
            var done = _answered;
            _answered = [];
            // Should this fail, the rows stay and their tasks are simply woken and answer again.
            _ = _store.RemoveAsync(done, CancellationToken.None).PipeTo(Self, success: () => Removed.Instance, failure: cause => new Failed(cause));
            return;
        }

        _ = _store.DueAsync(Now() + _settings.LookAhead, _settings.BatchSize, CancellationToken.None)
            .PipeTo(Self, success: entries => new Found(entries), failure: cause => new Failed(cause));
    }

    private void Answered(string key)
    {
        if (_out.Remove(key, out var sent))
        {
            _answered.Add(sent.Entry);
        }
    }

    /// <summary>Wakes the entities of <paramref name="entries"/> not already woken lately; returns how many it woke.</summary>
    private int Wake(IReadOnlyList<DueEntry> entries)
    {
        var now = Now();
        var woken = 0;
        foreach (var entry in entries)
        {
            if (_out.TryGetValue(entry.Key, out var sent) && sent.Entry == entry && now - sent.SentAt < _settings.RewakeAfter)
            {
                continue;
            }

            _out[entry.Key] = (entry, now);
            if (DueKeys.IsSchedule(entry.Key, out var scheduleId))
            {
                _schedules.Tell(new ScheduleInput.Woken(scheduleId, entry.DueAt), Self);
            }
            else
            {
                _tasks.Tell(new TaskInput.Woken(entry.Key, entry.DueAt), Self);
            }

            woken++;
        }

        return woken;
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "The due-time waker could not read or update the index; it tries again")]
    private static partial void StepFailed(ILogger logger, Exception exception);

    private sealed record Tick
    {
        public static Tick Instance { get; } = new();
    }

    private sealed record Prepare
    {
        public static Prepare Instance { get; } = new();
    }

    private sealed record Ready
    {
        public static Ready Instance { get; } = new();
    }

    private sealed record Removed
    {
        public static Removed Instance { get; } = new();
    }

    private sealed record Found(IReadOnlyList<DueEntry> Entries);

    private sealed record Failed(Exception Cause);
}
