using Microsoft.Extensions.Logging;
using Scheduler.Actors;

namespace Scheduler.Engine.Waking;

/// <summary>
/// Writes the due-time rows of this node's task and schedule entities, many per transaction: an entity about to
/// passivate while it waits for a far due time registers its row here and passivates only once the row is stored. A
/// failed write is logged and dropped; the entities ask again on their resend timer.
/// </summary>
internal sealed partial class DueIndexWriter : ReceiveActor, IWithTimers
{
    private readonly DueIndexStore _store;
    private readonly ILogger _log;
    private readonly TimeSpan _retry;
    private Dictionary<string, (DueEntry Entry, HashSet<IActorRef> Asking)> _pending = new(StringComparer.Ordinal);
    private bool _ready;
    private bool _busy;

    public DueIndexWriter(DueIndexStore store, TimeSpan retry)
    {
        _store = store;
        _retry = retry;
        _log = Context.System.LoggerFactory.CreateLogger<DueIndexWriter>();
        Receive<Register>(register =>
        {
            if (!_pending.TryGetValue(register.Key, out var entry) || entry.Entry.DueAt != register.DueAt)
            {
                entry = (new DueEntry(register.Key, register.DueAt), []);
                _pending[register.Key] = entry;
            }

            entry.Asking.Add(Sender);
            Flush();
        });
        Receive<Ready>(_ =>
        {
            _ready = true;
            _busy = false;
            Flush();
        });
        Receive<Written>(written =>
        {
            foreach (var (entry, asking) in written.Batch)
            {
                foreach (var entity in asking)
                {
                    entity.Tell(new Registered(entry.Key, entry.DueAt), Self);
                }
            }

            _busy = false;
            Flush();
        });
        Receive<Failed>(failed =>
        {
            WriteFailed(_log, failed.Count, _retry, failed.Cause);
            Timers.StartSingleTimer("retry", Retry.Instance, _retry);
        });
        Receive<Retry>(_ =>
        {
            _busy = false;
            if (_ready)
            {
                Flush();
            }
            else
            {
                Prepare();
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(DueIndexStore store, TimeSpan retry) => Actors.Props.Create(() => new DueIndexWriter(store, retry));

    protected override void PreStart() => Prepare();

    private void Prepare()
    {
        _busy = true;
        _ = _store.EnsureAsync(CancellationToken.None).PipeTo(Self, success: () => Ready.Instance, failure: cause => new Failed(0, cause));
    }

    private void Flush()
    {
        if (!_ready || _busy || _pending.Count == 0)
        {
            return;
        }

        var batch = _pending.Values.ToList();
        _pending = new Dictionary<string, (DueEntry, HashSet<IActorRef>)>(StringComparer.Ordinal);
        _busy = true;
        _ = _store.SetAsync([.. batch.Select(b => b.Entry)], CancellationToken.None)
            .PipeTo(Self, success: () => new Written(batch), failure: cause => new Failed(batch.Count, cause));
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "Writing {Count} rows of the due-time index failed; their tasks ask again, next try in {Retry}")]
    private static partial void WriteFailed(ILogger logger, int count, TimeSpan retry, Exception exception);

    /// <summary>Store the row <paramref name="Key"/> (<see cref="DueKeys"/>) of an entity that waits until <paramref name="DueAt"/>; answered with <see cref="Registered"/>.</summary>
    public sealed record Register(string Key, DateTimeOffset DueAt);

    /// <summary>The row is stored: the entity may passivate.</summary>
    public sealed record Registered(string Key, DateTimeOffset DueAt);

    private sealed record Ready
    {
        public static Ready Instance { get; } = new();
    }

    private sealed record Written(List<(DueEntry Entry, HashSet<IActorRef> Asking)> Batch);

    private sealed record Failed(int Count, Exception Cause);

    private sealed record Retry
    {
        public static Retry Instance { get; } = new();
    }
}
