namespace Scheduler.Actors;

/// <summary>
/// An actor that declares typed handlers in its constructor, tried in the order they were declared:
/// <code>
/// Receive&lt;Ping&gt;(ping =&gt; Sender.Tell(new Pong(ping.Id)));
/// ReceiveAsync&lt;Fetch&gt;(async fetch =&gt; Sender.Tell(await LoadAsync(fetch.Key)));
/// </code>
/// An async handler suspends the mailbox until its task completes, so the actor still handles one message at a time.
/// <see cref="Become(Action)"/> swaps in a set of handlers declared by the given action.
/// </summary>
public abstract class ReceiveActor : ActorBase
{
    private readonly HandlerSet _initial = new();
    private HandlerSet? _building;

    /// <summary>Starts collecting the initial handlers.</summary>
    protected ReceiveActor() => _building = _initial;

    /// <summary>Handles messages of type <typeparamref name="T"/> that pass <paramref name="shouldHandle"/>.</summary>
    protected void Receive<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Target.Add(new ActionHandler<T>(handler, shouldHandle));
    }

    /// <summary>Handles messages of type <typeparamref name="T"/> for which <paramref name="handler"/> returns true.</summary>
    protected void Receive<T>(Func<T, bool> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Target.Add(new FuncHandler<T>(handler));
    }

    /// <summary>
    /// Handles messages of type <typeparamref name="T"/> asynchronously; the next message waits for the task.
    /// </summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Target.Add(new AsyncHandler<T>(handler, shouldHandle));
    }

    /// <summary>Handles every message that no earlier handler took.</summary>
    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Target.Add(new ActionHandler<object>(handler, null));
    }

    /// <summary>Handles every message that no earlier handler took, asynchronously.</summary>
    protected void ReceiveAnyAsync(Func<object, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Target.Add(new AsyncHandler<object>(handler, null));
    }

    /// <summary>Replaces the current handlers with those <paramref name="configure"/> declares.</summary>
    protected void Become(Action configure) => Context.Become(Build(configure));

    /// <summary>Pushes the handlers <paramref name="configure"/> declares; <see cref="ActorBase.UnbecomeStacked"/> pops them.</summary>
    protected void BecomeStacked(Action configure) => Context.BecomeStacked(Build(configure));

    /// <inheritdoc />
    protected internal sealed override bool Receive(object message) => _initial.TryHandle(message, Cell);

    internal override void OnConstructed() => _building = null;

    private HandlerSet Target => _building ?? throw new InvalidOperationException(
        "Handlers are declared in the constructor or inside Become(() => ...); this actor has already started.");

    private Receive Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var previous = _building;
        var set = new HandlerSet();
        _building = set;
        try
        {
            configure();
        }
        finally
        {
            _building = previous;
        }

        var cell = Cell;
        return message => set.TryHandle(message, cell);
    }

    private sealed class HandlerSet
    {
        private Handler[] _handlers = [];

        public void Add(Handler handler) => _handlers = [.. _handlers, handler];

        public bool TryHandle(object message, ActorCell cell)
        {
            foreach (var handler in _handlers)
            {
                if (handler.TryHandle(message, cell))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private abstract class Handler
    {
        public abstract bool TryHandle(object message, ActorCell cell);
    }

    private sealed class ActionHandler<T>(Action<T> handler, Predicate<T>? shouldHandle) : Handler
    {
        public override bool TryHandle(object message, ActorCell cell)
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed)))
            {
                return false;
            }

            handler(typed);
            return true;
        }
    }

    private sealed class FuncHandler<T>(Func<T, bool> handler) : Handler
    {
        public override bool TryHandle(object message, ActorCell cell) => message is T typed && handler(typed);
    }

    private sealed class AsyncHandler<T>(Func<T, Task> handler, Predicate<T>? shouldHandle) : Handler
    {
        public override bool TryHandle(object message, ActorCell cell)
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed)))
            {
                return false;
            }

            cell.RunTask(() => handler(typed));
            return true;
        }
    }
}
