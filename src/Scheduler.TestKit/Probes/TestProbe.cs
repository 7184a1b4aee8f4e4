using Scheduler.Actors;

namespace Scheduler.TestKit;

/// <summary>
/// A stand-in actor whose messages a test inspects: <c>ExpectMsg</c>, <c>ExpectNoMsg</c>,
/// <c>FishForMessage</c> and friends wait (up to a timeout) for what the actors under test send. Pass
/// <see cref="Ref"/> where an actor expects a ref. Every wait is for an event, never a fixed sleep, except
/// <see cref="ExpectNoMsg"/>, which by its nature waits the whole duration.
/// </summary>
public sealed class TestProbe
{
    private readonly object _gate = new();
    private readonly Queue<(object Message, IActorRef Sender)> _queue = new();
    private readonly TestKitBase _kit;
    private readonly ProbeRef _ref;

    internal TestProbe(TestKitBase kit, string name)
    {
        _kit = kit;
        var system = kit.Sys;
        // Under /temp, beside pending asks: a path that resolves, so a probe's ref read back from a message
        // (or sent to another node) still reaches the probe.
        _ref = new ProbeRef(system, system.TempContainer.Path.Child(name, system.NextUid()), this);
        system.TempContainer.Add(_ref);
    }

    /// <summary>The probe's ref.</summary>
    public IActorRef Ref => _ref;

    /// <summary>The sender of the last message received by an expectation.</summary>
    public IActorRef LastSender { get; private set; } = null!;

    /// <summary>The last message received by an expectation.</summary>
    public object? LastMessage { get; private set; }

    /// <summary>True when a message is waiting.</summary>
    public bool HasMessages
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count > 0;
            }
        }
    }

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> with this probe as sender.</summary>
    public void Send(IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, _ref);
    }

    /// <summary>Replies to the sender of the last message.</summary>
    public void Reply(object message)
    {
        if (LastSender is null)
        {
            throw new InvalidOperationException("Reply needs a message received first.");
        }

        LastSender.Tell(message, _ref);
    }

    /// <summary>Sends the last message on to <paramref name="target"/>, keeping its original sender.</summary>
    public void Forward(IActorRef target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (LastMessage is null)
        {
            throw new InvalidOperationException("Forward needs a message received first.");
        }

        target.Tell(LastMessage, LastSender);
    }

    /// <summary>Asks for a <see cref="Terminated"/> when <paramref name="subject"/> stops.</summary>
    public IActorRef Watch(IActorRef subject)
    {
        _ref.Watch(subject);
        return subject;
    }

    /// <summary>Stops watching <paramref name="subject"/>.</summary>
    public IActorRef Unwatch(IActorRef subject)
    {
        _ref.Unwatch(subject);
        return subject;
    }

    /// <summary>Waits for a message of type <typeparamref name="T"/>; fails on another message or none.</summary>
    public T ExpectMsg<T>(TimeSpan? timeout = null) => ExpectMsg<T>(static _ => true, timeout);

    /// <summary>Waits for a message of type <typeparamref name="T"/> that satisfies <paramref name="predicate"/>.</summary>
    public T ExpectMsg<T>(Predicate<T> predicate, TimeSpan? timeout = null, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var limit = _kit.RemainingOrDefault(timeout);
        var (message, sender) = Receive(limit) ?? throw new AssertionFailedException(
            $"Expected a message of type {typeof(T).Name}{Hint(hint)} within {limit.TotalMilliseconds:0} ms, but none arrived.");
        if (message is not T typed)
        {
            throw new AssertionFailedException($"Expected a message of type {typeof(T).Name}{Hint(hint)}, but got {Describe(message)} from {sender.Path}.");
        }

        if (!predicate(typed))
        {
            throw new AssertionFailedException($"The message {Describe(message)} from {sender.Path} does not satisfy the expectation{Hint(hint)}.");
        }

        return typed;
    }

    /// <summary>Waits for a message equal to <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) where T : notnull =>
        ExpectMsg<T>(actual => Equals(actual, expected), timeout, $" equal to {Describe(expected)}");

    /// <summary>Fails if a message arrives within <paramref name="duration"/> (by default 100 ms, dilated).</summary>
    public void ExpectNoMsg(TimeSpan? duration = null)
    {
        var limit = duration ?? _kit.Dilated(TimeSpan.FromMilliseconds(100));
        if (Receive(limit) is { } unexpected)
        {
            throw new AssertionFailedException($"Expected no message for {limit.TotalMilliseconds:0} ms, but got {Describe(unexpected.Message)} from {unexpected.Sender.Path}.");
        }
    }

    /// <summary>Waits for messages equal to all of <paramref name="expected"/>, in any order, and nothing else.</summary>
    public IReadOnlyList<object> ExpectMsgAllOf(params object[] expected) => ExpectMsgAllOf(null, expected);

    /// <summary>Waits for messages equal to all of <paramref name="expected"/>, in any order, within <paramref name="timeout"/>.</summary>
    public IReadOnlyList<object> ExpectMsgAllOf(TimeSpan? timeout, params object[] expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var deadline = TestKitBase.Deadline(_kit.RemainingOrDefault(timeout));
        var missing = expected.ToList();
        var received = new List<object>();
        while (missing.Count > 0)
        {
            var (message, sender) = Receive(TestKitBase.Until(deadline)) ?? throw new AssertionFailedException(
                $"Expected all of [{string.Join(", ", expected.Select(Describe))}], still missing [{string.Join(", ", missing.Select(Describe))}] at the timeout.");
            var index = missing.FindIndex(m => Equals(m, message));
            if (index < 0)
            {
                throw new AssertionFailedException($"Expected only [{string.Join(", ", expected.Select(Describe))}], but got {Describe(message)} from {sender.Path}.");
            }

            missing.RemoveAt(index);
            received.Add(message);
        }

        return received;
    }

    /// <summary>Waits for one message equal to any of <paramref name="expected"/>.</summary>
    public object ExpectMsgAnyOf(params object[] expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var limit = _kit.RemainingOrDefault(null);
        var (message, sender) = Receive(limit) ?? throw new AssertionFailedException(
            $"Expected one of [{string.Join(", ", expected.Select(Describe))}] within {limit.TotalMilliseconds:0} ms, but none arrived.");
        return expected.Any(e => Equals(e, message))
            ? message
            : throw new AssertionFailedException($"Expected one of [{string.Join(", ", expected.Select(Describe))}], but got {Describe(message)} from {sender.Path}.");
    }

    /// <summary>Waits for the <see cref="Terminated"/> of <paramref name="target"/> (watch it first).</summary>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ExpectMsg<Terminated>(t => t.ActorRef.Equals(target), timeout, $" for {target.Path}");
    }

    /// <summary>Skips messages until one satisfies <paramref name="isTheOne"/>, and returns it.</summary>
    public object FishForMessage(Predicate<object> isTheOne, TimeSpan? timeout = null) => FishForMessage<object>(isTheOne, timeout);

    /// <summary>Skips messages until one of type <typeparamref name="T"/> satisfies <paramref name="isTheOne"/>.</summary>
    public T FishForMessage<T>(Predicate<T> isTheOne, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(isTheOne);
        var deadline = TestKitBase.Deadline(_kit.RemainingOrDefault(timeout));
        var skipped = 0;
        while (true)
        {
            var (message, _) = Receive(TestKitBase.Until(deadline)) ?? throw new AssertionFailedException(
                $"No message of type {typeof(T).Name} matched within the timeout ({skipped} others skipped).");
            if (message is T typed && isTheOne(typed))
            {
                return typed;
            }

            skipped++;
        }
    }

    /// <summary>
    /// Collects messages while <paramref name="filter"/> maps them to a value; stops at the first it maps to
    /// null (which stays queued), after <paramref name="max"/> messages, when none arrives within
    /// <paramref name="idle"/>, or at <paramref name="timeout"/>.
    /// </summary>
    public IReadOnlyList<T> ReceiveWhile<T>(Func<object, T?> filter, TimeSpan? timeout = null, TimeSpan? idle = null, int max = int.MaxValue)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(filter);
        var deadline = TestKitBase.Deadline(_kit.RemainingOrDefault(timeout));
        var result = new List<T>();
        while (result.Count < max)
        {
            var wait = TestKitBase.Until(deadline);
            if (idle is { } gap && gap < wait)
            {
                wait = gap;
            }

            var next = Peek(wait);
            if (next is null)
            {
                break;
            }

            var mapped = filter(next.Value.Message);
            if (mapped is null)
            {
                break;
            }

            Receive(TimeSpan.Zero);
            result.Add(mapped);
        }

        return result;
    }

    /// <summary>Receives exactly <paramref name="count"/> messages.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null)
    {
        var deadline = TestKitBase.Deadline(_kit.RemainingOrDefault(timeout));
        var result = new List<object>(count);
        while (result.Count < count)
        {
            var (message, _) = Receive(TestKitBase.Until(deadline)) ?? throw new AssertionFailedException(
                $"Expected {count} messages, got {result.Count} before the timeout.");
            result.Add(message);
        }

        return result;
    }

    internal void Enqueue(object message, IActorRef sender)
    {
        lock (_gate)
        {
            _queue.Enqueue((message, sender));
            Monitor.PulseAll(_gate);
        }
    }

    private (object Message, IActorRef Sender)? Receive(TimeSpan timeout)
    {
        var next = Take(timeout, remove: true);
        if (next is { } received)
        {
            LastMessage = received.Message;
            LastSender = received.Sender;
        }

        return next;
    }

    private (object Message, IActorRef Sender)? Peek(TimeSpan timeout) => Take(timeout, remove: false);

    private (object Message, IActorRef Sender)? Take(TimeSpan timeout, bool remove)
    {
        var deadline = TestKitBase.Deadline(timeout);
        lock (_gate)
        {
            while (_queue.Count == 0)
            {
                var left = TestKitBase.Until(deadline);
                if (left <= TimeSpan.Zero || !Monitor.Wait(_gate, left))
                {
                    if (_queue.Count == 0)
                    {
                        return null;
                    }
                }
            }

            return remove ? _queue.Dequeue() : _queue.Peek();
        }
    }

    private static string Hint(string? hint) => hint ?? string.Empty;

    private static string Describe(object? message) => message switch
    {
        null => "null",
        string text => $"\"{text}\"",
        _ => $"{message.GetType().Name} {message}",
    };
}
