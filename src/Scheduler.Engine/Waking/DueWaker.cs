using Microsoft.Extensions.Logging;
using Scheduler.Actors;
using Scheduler.Engine.Tasks;

namespace Scheduler.Engine.Waking;

/// <summary>
/// Wakes passivated tasks when they come due: a cluster singleton that every <c>wake-interval</c> reads the rows of
/// the due-time index due within the look-ahead, sends each task a <see cref="TaskInput.Woken"/> through the task
/// region, and removes a row once its task answered (the task then holds its due time itself: a timer, or it is
/// ready already). A row whose task does not answer is woken again after <c>rewake-after</c>. At most one batch of
/// wakes is out at a time, so a burst of due tasks is worked off in batches rather than all at once.
/// </summary>
internal sealed partial class DueWaker : ReceiveActor, IWithTimers
{
    private readonly DueIndexStore _store;
    private readonly IActorRef _tasks;
    private readonly DueIndexSettings _settings;
    private readonly ILogger _log;
    private readonly Dictionary<string, (DueEntry Entry, DateTimeOffset SentAt)> _out = new(StringComparer.Ordinal);
    private List<DueEntry> _answered = [];
    private bool _ready;
    private bool _busy;

    public DueWaker(DueIndexStore store, IActorRef tasks, DueIndexSettings settings)
    {
        _store = store;
        _tasks = tasks;
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
        Receive<TaskInput.WokenAnswer>(answer =>
        {
            if (_out.Remove(answer.TaskId, out var sent))
            {
                _answered.Add(sent.Entry);
            }
        });
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

    public static Props Props(DueIndexStore store, IActorRef tasks, DueIndexSettings settings) =>
        Actors.Props.Create(() => new DueWaker(store, tasks, settings));

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

    /// <summary>Wakes the tasks of <paramref name="entries"/> not already woken lately; returns how many it woke.</summary>
    private int Wake(IReadOnlyList<DueEntry> entries)
    {
        var now = Now();
        var woken = 0;
        foreach (var entry in entries)
        {
            if (_out.TryGetValue(entry.TaskId, out var sent) && sent.Entry == entry && now - sent.SentAt < _settings.RewakeAfter)
            {
                continue;
            }

            _out[entry.TaskId] = (entry, now);
            _tasks.Tell(new TaskInput.Woken(entry.TaskId, entry.DueAt), Self);
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
