namespace Scheduler.Persistence;

/// <summary>
/// A persistent actor that declares typed handlers in its constructor: <c>Recover&lt;T&gt;</c> for recovery and
/// <c>Command&lt;T&gt;</c> for commands, tried in the order declared.
/// </summary>
public abstract class ReceivePersistentActor : PersistentActor
{
    private readonly List<Func<object, bool>> _recover = [];
    private readonly List<Func<object, bool>> _commands = [];

    /// <summary>Applies recovered messages of type <typeparamref name="T"/> (events, <see cref="SnapshotOffer"/>, <see cref="RecoveryCompleted"/>).</summary>
    protected void Recover<T>(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _recover.Add(message =>
        {
            if (message is not T typed)
            {
                return false;
            }

            handler(typed);
            return true;
        });
    }

    /// <summary>Handles commands of type <typeparamref name="T"/> that pass <paramref name="shouldHandle"/>.</summary>
    protected void Command<T>(Action<T> handler, Predicate<T>? shouldHandle = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _commands.Add(message =>
        {
            if (message is not T typed || (shouldHandle is not null && !shouldHandle(typed)))
            {
                return false;
            }

            handler(typed);
            return true;
        });
    }

    /// <summary>Handles every command no earlier handler took.</summary>
    protected void CommandAny(Action<object> handler) => Command(handler);

    /// <inheritdoc />
    protected sealed override bool ReceiveRecover(object message) => FirstTaker(_recover, message);

    /// <inheritdoc />
    protected sealed override bool ReceiveCommand(object message) => FirstTaker(_commands, message);

    // A loop, not List.Exists with a lambda: that allocated a closure for every message. By index, as Exists did,
    // so a handler that registers another does not break the loop.
    private static bool FirstTaker(List<Func<object, bool>> handlers, object message)
    {
        for (var i = 0; i < handlers.Count; i++)
        {
            if (handlers[i](message))
            {
                return true;
            }
        }

        return false;
    }
}
