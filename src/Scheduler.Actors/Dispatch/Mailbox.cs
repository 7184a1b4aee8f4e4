namespace Scheduler.Actors;

/// <summary>
/// An actor's two queues and the switch that makes sure only one thread runs the actor at a time.
/// <list type="bullet">
/// <item>User messages sit in an intrusive multi-producer, single-consumer linked queue (after Vyukov): an idle
/// mailbox costs one stub node, where a segment-based queue would cost a segment, which matters with millions of
/// idle entities.</item>
/// <item>System messages sit in a lock-free stack that the run reverses, and are always drained before, and between,
/// user messages, so a stop or a supervisor's decision never waits behind a backlog.</item>
/// <item>A run handles at most <see cref="MessageDispatcher.Throughput"/> user messages and then yields its thread,
/// so an actor that floods itself cannot starve the others.</item>
/// </list>
/// Once closed, every message goes to dead letters (system messages to <see cref="ActorCell.HandleDeadSystemMessage"/>).
/// </summary>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private static readonly SystemNode ClosedMarker = new(new SystemMessage.Terminate());
    private static readonly UserNode ClosedTail = new(default);

    private readonly int _capacity;
    private UserNode _head;
    private UserNode _tail;
    private SystemNode? _system;
    private int _scheduled;
    private int _count;
    private volatile bool _closed;
    private Queue<Envelope>? _prepended;

    public Mailbox(ActorCell cell, MessageDispatcher dispatcher, int capacity)
    {
        Cell = cell;
        Dispatcher = dispatcher;
        _capacity = capacity;
        _head = _tail = new UserNode(default);
    }

    public ActorCell Cell { get; }

    public MessageDispatcher Dispatcher { get; }

    // The flags below are read and written only by the thread that runs the mailbox (Execute is never concurrent
    // with itself), so they need no synchronisation of their own.

    /// <summary>Suspensions (own failure, ancestors' failures, a pending all-for-one restart); user messages wait while above zero.</summary>
    public int SuspendCount { get; set; }

    /// <summary>The actor failed and waits for its supervisor's decision.</summary>
    public bool IsFailed { get; set; }

    /// <summary>An async handler runs; the next user message waits for it.</summary>
    public bool IsAwaitingTask { get; set; }

    /// <summary>The actor stops; user messages are no longer handled.</summary>
    public bool IsTerminating { get; set; }

    /// <summary>The actor has not been created yet (or its creation failed).</summary>
    public bool IsWaitingForCreation { get; set; } = true;

    public bool IsClosed => _closed;

    // IsFailed is not listed: a failure always counts one suspension too (see ActorCell.FaultHandling).
    private bool CanProcessUserMessages =>
        SuspendCount == 0 && !IsAwaitingTask && !IsTerminating && !IsWaitingForCreation && !_closed;

    /// <summary>Enqueues a user message; false when the mailbox is closed or full (the caller sends it to dead letters).</summary>
    public bool TryPost(in Envelope envelope, bool bypassCapacity = false)
    {
        if (_capacity > 0 && Interlocked.Increment(ref _count) > _capacity && !bypassCapacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        var node = new UserNode(envelope);
        UserNode previous;
        while (true)
        {
            previous = Volatile.Read(ref _tail);
            if (ReferenceEquals(previous, ClosedTail))
            {
                // Close() swapped in the sentinel: nothing links behind it any more.
                if (_capacity > 0)
                {
                    Interlocked.Decrement(ref _count);
                }

                return false;
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref _tail, node, previous), previous))
            {
                break;
            }
        }

        Volatile.Write(ref previous.Next, node);

        // The compare-exchange above is a full fence, so this read cannot be answered before the new tail is
        // visible; Execute publishes "not scheduled" with a full fence and then compares tail and head. One of the
        // two sees the other, so a message is never left behind with nobody scheduled to run it.
        if (Volatile.Read(ref _scheduled) == 0)
        {
            TrySchedule(fromPost: true);
        }

        return true;
    }

    /// <summary>True when the bounded capacity is what refused the last post (for the dead letter's reason).</summary>
    public bool IsBounded => _capacity > 0;

    public void PostSystem(SystemMessage message)
    {
        var node = new SystemNode(message);
        while (true)
        {
            var head = Volatile.Read(ref _system);
            if (ReferenceEquals(head, ClosedMarker))
            {
                Cell.HandleDeadSystemMessage(message);
                return;
            }

            node.Next = head;
            if (ReferenceEquals(Interlocked.CompareExchange(ref _system, node, head), head))
            {
                break;
            }
        }

        TrySchedule(fromPost: true);
    }

    /// <summary>Puts messages back in front of the queue, in order (Akka's unstash prepends).</summary>
    public void Prepend(IReadOnlyList<Envelope> envelopes)
    {
        if (envelopes.Count == 0)
        {
            return;
        }

        var queue = new Queue<Envelope>(envelopes.Count + (_prepended?.Count ?? 0));
        foreach (var envelope in envelopes)
        {
            queue.Enqueue(envelope);
        }

        if (_prepended is not null)
        {
            while (_prepended.TryDequeue(out var envelope))
            {
                queue.Enqueue(envelope);
            }
        }

        _prepended = queue;
    }

    /// <param name="fromPost">
    /// True when a post wakes the mailbox (the dispatcher may keep it near the posting thread); false when a run
    /// yields with work left (it goes to the back of the shared queue, so busy actors take turns with the rest).
    /// </param>
    public void TrySchedule(bool fromPost)
    {
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            Dispatcher.Dispatch(this, fromPost);
        }
    }

    public void Execute()
    {
        var previous = ActorCell.EnterRun(Cell);
        try
        {
            ProcessSystemMessages();
            ProcessUserMessages();
        }
        catch (Exception exception)
        {
            // The cell catches everything an actor throws; reaching here means the runtime itself failed (a logger
            // that throws, say). An exception leaving a thread-pool work item would end the process, so report it
            // on the last channel that is sure to exist and keep the mailbox alive.
            Console.Error.WriteLine($"Scheduler.Actors: unexpected failure while running the mailbox of {Cell.Self.Path}: {exception}");
        }
        finally
        {
            // The exchange is a full fence: the checks below see every message posted before a poster saw 1.
            Interlocked.Exchange(ref _scheduled, 0);
            if (HasPendingWork())
            {
                TrySchedule(fromPost: false);
            }

            ActorCell.ExitRun(previous);
        }
    }

    /// <summary>Closes the mailbox: later posts go to dead letters; what is queued now goes there too.</summary>
    public void Close()
    {
        _closed = true;
        var pending = Interlocked.Exchange(ref _system, ClosedMarker);
        for (var node = OldestFirst(pending); node is not null; node = node.Next)
        {
            Cell.HandleDeadSystemMessage(node.Message);
        }

        if (_prepended is not null)
        {
            while (_prepended.TryDequeue(out var envelope))
            {
                Cell.SendToDeadLetters(envelope);
            }
        }

        DrainToDeadLetters();
    }

    private void DrainToDeadLetters()
    {
        // Producers that linked before the sentinel went in may still be writing their link: wait for each,
        // up to the last tail, so every message posted before the close becomes a dead letter.
        var last = Interlocked.Exchange(ref _tail, ClosedTail);
        if (ReferenceEquals(last, ClosedTail))
        {
            return;
        }

        var spin = new SpinWait();
        while (!ReferenceEquals(_head, last))
        {
            if (TryDequeueUser(out var envelope))
            {
                Cell.SendToDeadLetters(envelope);
            }
            else
            {
                spin.SpinOnce();
            }
        }
    }

    private bool HasPendingWork()
    {
        var system = Volatile.Read(ref _system);
        if (system is not null)
        {
            return !ReferenceEquals(system, ClosedMarker);
        }

        return CanProcessUserMessages && HasUserMessages;
    }

    // Compared with the tail, not the head's link: a producer that has swung the tail but not yet linked its node
    // still counts, which is what makes skipping the schedule in TryPost safe.
    private bool HasUserMessages => _prepended is { Count: > 0 } || !ReferenceEquals(Volatile.Read(ref _tail), _head);

    /// <summary>The number of queued user messages; exact only for bounded mailboxes, a hint otherwise.</summary>
    public int NumberOfMessagesHint => _capacity > 0 ? Volatile.Read(ref _count) : (HasUserMessages ? 1 : 0);

    private void ProcessUserMessages()
    {
        var left = Dispatcher.Throughput;
        while (left > 0 && CanProcessUserMessages && TryDequeue(out var envelope))
        {
            Cell.Invoke(envelope);
            left--;
            if (Volatile.Read(ref _system) is not null)
            {
                ProcessSystemMessages();
            }
        }
    }

    private void ProcessSystemMessages()
    {
        while (true)
        {
            var head = Volatile.Read(ref _system);
            if (head is null || ReferenceEquals(head, ClosedMarker))
            {
                return;
            }

            if (!ReferenceEquals(Interlocked.CompareExchange(ref _system, null, head), head))
            {
                continue;
            }

            for (var node = OldestFirst(head); node is not null; node = node.Next)
            {
                if (_closed)
                {
                    Cell.HandleDeadSystemMessage(node.Message);
                }
                else
                {
                    Cell.SystemInvoke(node.Message);
                }
            }
        }
    }

    private bool TryDequeue(out Envelope envelope)
    {
        if (_prepended is { Count: > 0 })
        {
            envelope = _prepended.Dequeue();
            return true;
        }

        return TryDequeueUser(out envelope);
    }

    private bool TryDequeueUser(out Envelope envelope)
    {
        var next = Volatile.Read(ref _head.Next);
        if (next is null)
        {
            var tail = Volatile.Read(ref _tail);
            if (ReferenceEquals(tail, _head) || ReferenceEquals(tail, ClosedTail))
            {
                envelope = default;
                return false;
            }

            // A producer has swung the tail and is about to link its node: a matter of instructions.
            var spin = new SpinWait();
            while ((next = Volatile.Read(ref _head.Next)) is null)
            {
                spin.SpinOnce();
            }
        }

        envelope = next.Value;
        next.Value = default;
        _head = next;
        if (_capacity > 0)
        {
            Interlocked.Decrement(ref _count);
        }

        return true;
    }

    // Pushes leave the chain newest first. Once taken off _system it belongs to this run alone, so it is turned
    // around in place: a list per run was a large share of what a busy node allocated (most runs hold one message).
    private static SystemNode? OldestFirst(SystemNode? head)
    {
        SystemNode? oldestFirst = null;
        for (var node = head; node is not null && !ReferenceEquals(node, ClosedMarker);)
        {
            var next = node.Next;
            node.Next = oldestFirst;
            oldestFirst = node;
            node = next;
        }

        return oldestFirst;
    }

    private sealed class UserNode(Envelope value)
    {
        public Envelope Value = value;
        public UserNode? Next;
    }

    private sealed class SystemNode(SystemMessage message)
    {
        public readonly SystemMessage Message = message;
        public SystemNode? Next;
    }
}
