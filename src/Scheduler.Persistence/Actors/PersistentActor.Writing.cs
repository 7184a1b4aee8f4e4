using Scheduler.Actors;

namespace Scheduler.Persistence;

/// <summary>
/// The write path. Events persisted while a command is handled form one batch, written when the handler returns,
/// each Persist call as one atomic write. Batches of one actor are written strictly one after another (the next
/// waits for the previous), so its events reach the journal in sequence and handlers run in the order of the
/// persist calls. A batch that holds a stashing call (Persist, PersistAll, Defer) runs as an async task of the
/// actor, so later commands wait; a batch of PersistAsync calls completes through a message instead.
/// </summary>
public abstract partial class PersistentActor
{
    private readonly Queue<Batch> _inFlight = new();
    private Batch? _current;
    private Task _lastWrite = Task.CompletedTask;
    private long _nextSequenceNr = 1;

    /// <summary>Persists <paramref name="event"/>; <paramref name="handler"/> runs once it is stored. Commands wait meanwhile.</summary>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler) => PersistAll([@event], handler);

    /// <summary>Persists the events as one atomic write; the handler runs for each once all are stored. Commands wait meanwhile.</summary>
    protected void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) => AddWrite(events, handler, stashing: true);

    /// <summary>Persists <paramref name="event"/> without holding back later commands; the handler runs once it is stored.</summary>
    protected void PersistAsync<TEvent>(TEvent @event, Action<TEvent> handler) => PersistAllAsync([@event], handler);

    /// <summary>Persists the events as one atomic write without holding back later commands.</summary>
    protected void PersistAllAsync<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) => AddWrite(events, handler, stashing: false);

    /// <summary>Runs <paramref name="handler"/> after the handlers of everything persisted before it; commands wait meanwhile.</summary>
    protected void Defer<TEvent>(TEvent @event, Action<TEvent> handler) => AddDefer(@event, handler, stashing: true);

    /// <summary>Runs <paramref name="handler"/> after the handlers of everything persisted before it, without holding back commands.</summary>
    protected void DeferAsync<TEvent>(TEvent @event, Action<TEvent> handler) => AddDefer(@event, handler, stashing: false);

    private void AddWrite<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler, bool stashing)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(handler);
        ThrowIfRecovering();
        var batch = _current ??= new Batch(Context.Sender);
        var now = Context.System.TimeProvider.GetUtcNow();
        var representations = new List<PersistentRepresentation>();
        foreach (var @event in events)
        {
            ArgumentNullException.ThrowIfNull(@event, nameof(events));
            var (payload, tags) = @event is Tagged tagged ? (tagged.Payload, tagged.Tags) : ((object)@event, (IReadOnlyList<string>)[]);
            var sequenceNr = _nextSequenceNr++;
            representations.Add(new PersistentRepresentation(PersistenceId, sequenceNr, payload, WriterId, tags, now));
            var typed = @event;
            batch.Invocations.Add(new Invocation(payload, sequenceNr, batch.Writes.Count, () => handler(typed)));
        }

        if (representations.Count > 0)
        {
            batch.Writes.Add(new AtomicWrite(representations));
            batch.Stashing |= stashing;
        }
    }

    private void AddDefer<TEvent>(TEvent @event, Action<TEvent> handler, bool stashing)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ThrowIfRecovering();
        var batch = _current ??= new Batch(Context.Sender);
        batch.Invocations.Add(new Invocation(@event!, SequenceNr: 0, WriteIndex: -1, () => handler(@event)));
        batch.Stashing |= stashing;
    }

    private void ThrowIfRecovering()
    {
        if (IsRecovering)
        {
            throw new InvalidOperationException($"Persistence id '{PersistenceId}' cannot persist while it recovers.");
        }
    }

    /// <summary>After a command: write what it persisted.</summary>
    private void FlushBatch()
    {
        if (StartWrite() is not { } batch)
        {
            return;
        }

        if (batch.Stashing)
        {
            RunTask(() => ApplyThroughAsync(batch));
        }
        else
        {
            PipeWritten(batch);
        }
    }

    /// <summary>Starts writing the batch being collected, behind every batch in flight; null when there is none.</summary>
    private Batch? StartWrite()
    {
        var batch = _current;
        if (batch is null)
        {
            return null;
        }

        _current = null;
        batch.Write = batch.Writes.Count == 0 ? Task.FromResult<IReadOnlyList<Exception?>>([]) : WriteAfter(_lastWrite, batch.Writes);
        _lastWrite = batch.Write;
        _inFlight.Enqueue(batch);
        return batch;
    }

    private void PipeWritten(Batch batch) =>
        _ = batch.Write!.PipeTo(Self, success: _ => new BatchWritten(batch), failure: _ => new BatchWritten(batch));

    // Most batches find the previous one written: they go to the journal at once, without a state machine to wait.
    private Task<IReadOnlyList<Exception?>> WriteAfter(Task previous, List<AtomicWrite> writes)
    {
        if (!previous.IsCompleted)
        {
            return WriteAfterAsync(previous, writes);
        }

        try
        {
            return Journal.WriteMessagesAsync(writes);
        }
        catch (Exception exception)
        {
            // A journal that throws before it returns a task fails the batch as one whose task failed would.
            return Task.FromException<IReadOnlyList<Exception?>>(exception);
        }
    }

    private async Task<IReadOnlyList<Exception?>> WriteAfterAsync(Task previous, List<AtomicWrite> writes)
    {
        try
        {
            await previous.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The previous batch's failure is reported through that batch; this one still goes in order.
        }

        return await Journal.WriteMessagesAsync(writes).ConfigureAwait(false);
    }

    /// <summary>
    /// A stashing batch: wait for it (and anything before it) and apply handlers in order. Persist calls made by those
    /// handlers (a nested persist, as Akka allows) form a new batch, written behind the others; a stashing one extends
    /// this wait, so commands keep waiting until the nested events are stored and handled too.
    /// </summary>
    private async Task ApplyThroughAsync(Batch batch)
    {
        var target = batch;
        while (_inFlight.Count > 0)
        {
            var head = _inFlight.Peek();
            try
            {
                await head.Write!.ConfigureAwait(true);
            }
            catch (Exception)
            {
                // Applied as a failure below.
            }

            ApplyHead();
            if (StartWrite() is { } nested)
            {
                if (nested.Stashing)
                {
                    target = nested;
                }
                else
                {
                    PipeWritten(nested);
                }
            }

            if (ReferenceEquals(head, target))
            {
                return;
            }
        }
    }

    /// <summary>A PersistAsync batch finished writing: apply it, and any finished batches before it, in order.</summary>
    private void ApplyWritten(Batch written)
    {
        while (_inFlight.Count > 0 && _inFlight.Peek().Write!.IsCompleted && !written.Applied)
        {
            ApplyHead();
        }
    }

    private void ApplyHead()
    {
        var batch = _inFlight.Dequeue();
        batch.Applied = true;
        var write = batch.Write!;
        if (!write.IsCompletedSuccessfully)
        {
            var cause = write.Exception?.InnerException ?? new TaskCanceledException(write);
            var first = batch.Invocations.FirstOrDefault(static i => i.WriteIndex >= 0);
            _inFlight.Clear();
            RunWithSender(batch.Sender, () => OnPersistFailure(cause, first?.Event ?? cause, first?.SequenceNr ?? _nextSequenceNr));
            return;
        }

        var results = write.Result;
        foreach (var invocation in batch.Invocations)
        {
            if (invocation.WriteIndex >= 0 && results.Count > invocation.WriteIndex && results[invocation.WriteIndex] is { } rejected)
            {
                RunWithSender(batch.Sender, () => OnPersistRejected(rejected, invocation.Event, invocation.SequenceNr));
                continue;
            }

            if (invocation.WriteIndex >= 0)
            {
                LastSequenceNr = invocation.SequenceNr;
            }

            RunWithSender(batch.Sender, invocation.Handler);
        }
    }

    private sealed record Invocation(object Event, long SequenceNr, int WriteIndex, Action Handler);

    private sealed class Batch(IActorRef sender)
    {
        public IActorRef Sender { get; } = sender;

        public List<AtomicWrite> Writes { get; } = [];

        public List<Invocation> Invocations { get; } = [];

        public bool Stashing { get; set; }

        public Task<IReadOnlyList<Exception?>>? Write { get; set; }

        public bool Applied { get; set; }
    }

    private sealed record BatchWritten(Batch Batch);
}
